// Host functions the engine provides (DESIGN.md "Imports"), so the imports panel can offer them.
import type { FuncSignature } from "../../sandbox/inspect/module-info";

export interface HostImport {
  module: string;
  name: string;
  signature?: FuncSignature;
  description: string;
}

export const HOST_IMPORTS: HostImport[] = [
  {
    module: "env",
    name: "log",
    signature: { params: ["i32", "i32"], results: [] },
    description: "writes UTF-8 text (ptr, len) from guest memory to stdout",
  },
  {
    module: "env",
    name: "abort",
    signature: { params: ["i32", "i32", "i32", "i32"], results: [] },
    description: "AssemblyScript's abort(message, file, line, column)",
  },
  {
    module: "env",
    name: "trace",
    signature: { params: ["i32", "i32", "f64", "f64", "f64", "f64", "f64"], results: [] },
    description: "AssemblyScript's trace(message, n, a0..a4): prints to stdout",
  },
  {
    module: "wasi_snapshot_preview1",
    name: "*",
    description: "WASI preview 1: stdout/stderr, args, env, clocks, random, in-memory files",
  },
];

export function hostImportFor(module: string, name: string): HostImport | undefined {
  return HOST_IMPORTS.find((h) => h.module === module && (h.name === name || h.name === "*"));
}
