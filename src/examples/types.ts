// The shape of one entry in the examples menu. Plain data: importable by the UI, by unit tests in
// Node, and by e2e tests, with no Vite-only imports.
import type { ErrorKind, WasmValue } from "../sandbox/types";
import type { ClangBuildOptions } from "../sandbox/toolchain/clang/options";

export type ExampleLanguage = "wat" | "assemblyscript" | "c" | "cpp" | "wasm";

/** The limits an example is meant to run with; the UI applies them when the example is chosen. */
export interface ExampleLimits {
  /** Fuel budget; null = no budget (only the timeout stops the run). */
  maxFuel: number | null;
  maxMemoryBytes: number;
  timeoutMs: number;
}

/** What running the example with its own limits, entry, args and imports must give. */
export type ExampleExpectation =
  | {
      success: true;
      /** The returned value; undefined for an entry with no results. */
      value?: WasmValue;
      /** Text the guest's output (stdout) must contain. */
      output?: string;
    }
  | { success: false; errorKind: ErrorKind };

/** WASI program input an example comes with (the page puts it in "Program input" and "Files"). */
export interface ExampleIo {
  stdin?: string;
  /** argv[1..] (argv[0] is the program name). */
  argv?: string[];
  env?: [string, string][];
  /** Text files put in the in-memory file system before the run. */
  files?: { path: string; text: string }[];
}

interface ExampleCommon {
  /** Stable: share links and tests refer to it. */
  id: string;
  title: string;
  description: string;
  entry: string;
  args: WasmValue[];
  limits: ExampleLimits;
  /** "module.name" or "module.*" entries, as in WasmSandboxConfig.allowedImports. */
  allowedImports: string[];
  /** WASI input preset; absent: none (the page clears what a previous example set). */
  io?: ExampleIo;
  expected: ExampleExpectation;
}

/** An example compiled in the browser from its source. */
export interface SourceExample extends ExampleCommon {
  language: "wat" | "assemblyscript";
  source: string;
}

/**
 * A C or C++ example, compiled in the page by clang (the compiler loads on its first compile).
 * Loading one fetches its source and sets the build options to the defaults plus its own.
 */
export interface ClangExample extends ExampleCommon {
  language: "c" | "cpp";
  /** Path of its source under public/, relative to the app's base URL. */
  sourceUrl: string;
  clangOptions?: Partial<ClangBuildOptions>;
}

/** A prebuilt binary under public/, built by scripts/build-examples.sh from the source beside it. */
export interface BinaryExample extends ExampleCommon {
  language: "wasm";
  /** Path of the binary relative to the app's base URL (public/ is served at the base). */
  url: string;
  /** Path of its source, relative to the base URL, for showing next to the disassembly. */
  sourceUrl: string;
  sourceLanguage: "c" | "rust" | "wat";
}

export type Example = SourceExample | ClangExample | BinaryExample;

export function isClangExample(example: Example): example is ClangExample {
  return example.language === "c" || example.language === "cpp";
}
