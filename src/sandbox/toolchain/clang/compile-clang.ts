// C and C++ → wasm32-wasip1 with @yowasp/clang (LLVM, Clang and LLD built for WebAssembly, with
// wasi-libc, libc++ and compiler-rt in a tar of its own). The same code runs in Node (tests) and in
// the clang worker (clang.worker.ts), which owns the download, the cache and the progress line.
// The compiler's resources are ~105 MB; they are loaded once per worker, by load().
import type { CompileOutcome } from "../api";
import { compiledModule } from "../compiled";
import { parseClangDiagnostics, summariseClang } from "./diagnostics";
import {
  clangArgs,
  MAX_CLANG_SOURCE_CHARS,
  OUTPUT_FILE_NAME,
  refusedFlag,
  SOURCE_FILE_NAMES,
  type ClangBuildOptions,
  type ClangLanguage,
} from "./options";
import { compileFailure, describeError } from "../compile-failure";
import { groupDigits } from "../../digits";
import { clangMemoryLimitBytes } from "./memory-bound";

type ClangModule = typeof import("@yowasp/clang");

/** What the compiler is doing, for the page's progress line. */
export type ClangProgress =
  | { stage: "download"; loadedBytes: number; totalBytes: number }
  | { stage: "prepare" }
  | { stage: "compile" };

let clangModule: Promise<ClangModule> | undefined;
let loaded: Promise<void> | undefined;

function importClang(): Promise<ClangModule> {
  clangModule ??= import("@yowasp/clang");
  return clangModule;
}

/** Fetches and compiles the compiler's resources once (the first call does the work). */
export function loadClang(onProgress: (p: ClangProgress) => void = () => {}): Promise<void> {
  loaded ??= (async () => {
    const { runLLVM } = await importClang();
    let finished = false;
    // No arguments: fetch and compile the resources, run nothing.
    await runLLVM(
      undefined,
      {},
      {
        fetchProgress: ({ doneLength, totalLength }) => {
          if (finished) return;
          onProgress({ stage: "download", loadedBytes: doneLength, totalBytes: totalLength });
          if (doneLength >= totalLength) {
            finished = true;
            onProgress({ stage: "prepare" });
          }
        },
      },
    );
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

function decode(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join("") + decoder.decode();
}

const NO_EXCEPTIONS_HINT =
  "C++ exceptions are not available: this compiler's libc++ is built without them. Build with exceptions off (-fno-exceptions) and do not throw.";

export async function compileClang(
  source: string,
  language: ClangLanguage,
  options: ClangBuildOptions,
  onProgress: (p: ClangProgress) => void = () => {},
): Promise<CompileOutcome> {
  const started = performance.now();
  const name = language === "cpp" ? "C++" : "C";
  if (source.length > MAX_CLANG_SOURCE_CHARS) {
    return compileFailure(
      `The ${name} source is ${groupDigits(source.length)} characters; the limit is ${groupDigits(MAX_CLANG_SOURCE_CHARS)}.`,
    );
  }
  const refused = refusedFlag(options.flags);
  if (refused) return compileFailure(`Build options: ${refused}.`);
  try {
    await loadClang(onProgress);
  } catch (error) {
    return compileFailure(`The C/C++ compiler failed to load: ${describeError(error)}`);
  }
  onProgress({ stage: "compile" });
  const { commands } = await importClang();
  const [driver, ...args] = clangArgs(language, options) as ["clang" | "clang++", ...string[]];
  const sourceFile = SOURCE_FILE_NAMES[language];
  const stderr: Uint8Array[] = [];
  const collect = (bytes: Uint8Array | null) => {
    if (bytes) stderr.push(bytes.slice());
  };
  let files: Awaited<ReturnType<ClangModule["runLLVM"]>>;
  try {
    files = await commands[driver](
      args,
      { [sourceFile]: source },
      { stdout: collect, stderr: collect, decodeASCII: false },
    );
  } catch (error) {
    const text = decode(stderr);
    const diagnostics = parseClangDiagnostics(text, sourceFile);
    if (isExit(error)) {
      const exceptions = /undefined symbol: (__cxa_throw|__cpp_exception|__cxa_begin_catch)/.test(
        text,
      );
      if (exceptions) diagnostics.push({ message: NO_EXCEPTIONS_HINT, severity: "error" });
      const fallback = text.trim().split("\n")[0] || `The ${name} source did not compile.`;
      return compileFailure(summariseClang(diagnostics, fallback), diagnostics);
    }
    // Not a compile error: the compiler itself failed (out of memory, an abort).
    if (text.includes("LLVM ERROR: out of memory")) {
      const mib = groupDigits(Math.round(clangMemoryLimitBytes() / (1024 * 1024)));
      return compileFailure(
        `The ${name} compiler needed more than ${mib} MiB of memory, so it was stopped (a huge macro expansion, array or template instantiation does this).`,
        diagnostics,
      );
    }
    const hint = error instanceof RangeError ? " (out of memory or too deeply nested)" : "";
    return compileFailure(
      `The ${name} compiler crashed${hint}: ${describeError(error)}`,
      diagnostics,
    );
  }
  const output = files?.[OUTPUT_FILE_NAME];
  const diagnostics = parseClangDiagnostics(decode(stderr), sourceFile);
  if (!(output instanceof Uint8Array)) {
    return compileFailure(`The ${name} compiler wrote no module.`, diagnostics);
  }
  const bytes = output.byteLength === output.buffer.byteLength ? output : output.slice();
  return compiledModule(bytes, diagnostics, started);
}

/** The compiler ended with a non-zero status (its Exit error is not exported). */
function isExit(error: unknown): boolean {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "number" &&
    error.message.startsWith("Exited with status")
  );
}
