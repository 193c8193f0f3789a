// Test-only: runs a WASI command module with createWasiHost directly (no runner, no worker),
// the way the runner will: instantiate, bind, call _start, catch the typed exit.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { HostContext } from "../host-module";
import { isWasiExit } from "./errors";
import { createWasiHost, type WasiHost, type WasiHostOptions } from "./wasi-host";

export const EXAMPLES_DIR = fileURLToPath(
  new URL("../../../../public/examples/wasi/", import.meta.url),
);

export function loadExample(name: string): Uint8Array {
  return readFileSync(`${EXAMPLES_DIR}${name}.wasm`);
}

export interface TestContext extends HostContext {
  text(stream: "stdout" | "stderr"): string;
}

export function testContext(deterministic = true): TestContext {
  const chunks = { stdout: [] as Uint8Array[], stderr: [] as Uint8Array[] };
  return {
    deterministic,
    memory: () => undefined,
    write: (stream, bytes) => void chunks[stream].push(bytes.slice()),
    text: (stream) => Buffer.concat(chunks[stream]).toString("utf8"),
  };
}

export function importsOf(host: WasiHost): WebAssembly.Imports {
  const fns = Object.fromEntries(
    Object.entries(host.module.functions).map(([name, f]) => [name, f.fn]),
  );
  return { [host.module.name]: fns };
}

export interface RunOutcome {
  stdout: string;
  stderr: string;
  exitCode: number | undefined;
  files: Record<string, Uint8Array>;
  host: WasiHost;
}

export async function runWasi(
  wasm: Uint8Array,
  options: Partial<WasiHostOptions> & { deterministic?: boolean } = {},
): Promise<RunOutcome> {
  const context = options.context ?? testContext(options.deterministic ?? true);
  const host = createWasiHost({ programName: "prog.wasm", ...options, context });
  const { instance } = await WebAssembly.instantiate(new Uint8Array(wasm), importsOf(host));
  host.bindInstance(instance);
  try {
    (instance.exports._start as () => void)();
  } catch (error) {
    if (!isWasiExit(error)) throw error;
  }
  const ctx = context as TestContext;
  return {
    stdout: ctx.text("stdout"),
    stderr: ctx.text("stderr"),
    exitCode: host.exitCode(),
    files: host.readFiles(),
    host,
  };
}
