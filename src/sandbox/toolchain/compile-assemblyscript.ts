// AssemblyScript → wasm with the `asc` compiler's programmatic API, entirely in memory: the source
// is served by readFile, the binary caught by writeFile, the standard library comes bundled with
// asc. The same code runs in Node (tests) and in a browser module worker.
import type { CompileDiagnostic, CompileOutcome } from "./api";
import { lineStarts, positionAt } from "./source-position";
import { compileFailure, describeError } from "./compile-failure";
import { compiledModule } from "./compiled";
import { crashCause, isAllocationFailure, withConsoleErrorsCaptured } from "./asc-crash";
import { prefetchAssemblyScript } from "../download/compiler-download";
import { groupDigits } from "../digits";
import { functionSourceLines, withoutSourceMapUrl } from "./source-map";

type Asc = typeof import("assemblyscript/asc");
type AscDiagnostic = Parameters<
  NonNullable<Parameters<Asc["main"]>[1]>["reportDiagnostic"] & {}
>[0];

const SOURCE_FILE = "source.ts";
const OUTPUT_FILE = "module.wasm";
const MAP_FILE = `${OUTPUT_FILE}.map`;

/** Larger sources are refused before compiling. */
export const MAX_AS_SOURCE_CHARS = 4 * 1024 * 1024;

/**
 * Why these options:
 * - `--runtime incremental` (asc's default, what `asc --target release` gives): strings, arrays
 *   and classes work, and garbage is collected, so an allocating loop runs as it would outside the
 *   sandbox instead of filling memory up to the cap as the leak-only `stub` runtime would. It costs
 *   ~3.4 KB of code in a module that allocates (none in one that does not: fibonacci is 109
 *   bytes either way) and ~1.8× the warm compile time of `stub` (≈200 ms against ≈110 ms, Node).
 * - `-O2`: fuel counts executed instructions, so optimised code gets further on a budget; `-O3`
 *   and `--converge` cost more compile time for little gain on snippets.
 * - `--debug`: keeps the name section, so traps and the disassembly name the person's functions.
 * - `--sourceMap`: the profile's functions are revealed at their line (source-map.ts). The map
 *   changes no code: the URL section asc appends for it is removed, so the bytes are the same.
 * - The memory stays exported (the host reads abort messages and log text from it); `env.abort`
 *   is imported as usual and provided by the sandbox.
 */
export const ASC_OPTIONS = [
  "--runtime",
  "incremental",
  "-O2",
  "--debug",
  "--noColors",
  "--sourceMap",
] as const;

// AS diagnostic categories (DiagnosticCategory in the compiler).
const CATEGORY_WARNING = 2;
const CATEGORY_ERROR = 3;

let ascModule: Promise<Asc> | undefined;
/** asc keeps global state between calls: compile one source at a time. */
let queue: Promise<unknown> = Promise.resolve();

function loadAsc(): Promise<Asc> {
  if (!ascModule) {
    // The chunk is fetched first with its progress shown, then imported from the HTTP cache.
    ascModule = prefetchAssemblyScript(import.meta.url).then(() => import("assemblyscript/asc"));
    ascModule.catch(() => (ascModule = undefined));
  }
  return ascModule;
}

/**
 * Loads the compiler ahead of the first compile (~0.35 s in Node, more in a browser: a 13.6 MB
 * chunk, most of it binaryen), e.g. when the person switches the editor to AssemblyScript.
 */
export async function preloadAssemblyScript(): Promise<void> {
  await loadAsc();
}

export function compileAssemblyScript(source: string): Promise<CompileOutcome> {
  const run = queue.then(() => compileNow(source));
  queue = run.catch(() => undefined);
  return run;
}

async function compileNow(source: string): Promise<CompileOutcome> {
  const started = performance.now();
  if (source.length > MAX_AS_SOURCE_CHARS) {
    return compileFailure(
      `The AssemblyScript source is ${groupDigits(source.length)} characters; the limit is ${groupDigits(MAX_AS_SOURCE_CHARS)}.`,
      [],
    );
  }
  let asc: Asc;
  try {
    asc = await loadAsc();
  } catch (error) {
    return compileFailure(
      `The AssemblyScript compiler failed to load: ${describeError(error)}`,
      [],
    );
  }
  const starts = lineStarts(source);
  const diagnostics: CompileDiagnostic[] = [];
  let output: Uint8Array | undefined;
  let sourceMap: string | undefined;
  let stderr = "";
  const attempt = await withConsoleErrorsCaptured(() =>
    asc.main([SOURCE_FILE, "--outFile", OUTPUT_FILE, ...ASC_OPTIONS], {
      readFile: (name) => (name === SOURCE_FILE ? source : null),
      writeFile: (name, contents) => {
        if (name === OUTPUT_FILE && contents instanceof Uint8Array) output = contents;
        if (name === MAP_FILE) sourceMap = decode(contents);
      },
      listFiles: () => [],
      stdout: { write: () => undefined },
      stderr: { write: (chunk) => void (stderr += decode(chunk)) },
      reportDiagnostic: (d) => {
        const diagnostic = toDiagnostic(d, starts);
        if (diagnostic) diagnostics.push(diagnostic);
      },
    }),
  );
  if (!("result" in attempt)) return crashFailure(attempt.error, attempt.printed, diagnostics);
  const result = attempt.result;
  if (result.error || !output) {
    const message = summarise(diagnostics, result.error?.message ?? stderr.trim());
    return compileFailure(message, diagnostics);
  }
  // A fresh, exactly sized buffer, so the caller can transfer it to another worker.
  const stripped = withoutSourceMapUrl(output);
  const bytes = stripped.byteLength === stripped.buffer.byteLength ? stripped : stripped.slice();
  const functionLines = sourceLinesOf(bytes, sourceMap);
  return compiledModule(bytes, diagnostics, started, functionLines);
}

/**
 * An exception out of asc rather than a reported compile error: a JS stack overflow on deeply
 * nested source (~10,000 levels), a static buffer the JS engine will not allocate (Chromium
 * refuses ~2 GiB ones; the memory guard bounds what binaryen grows), or a binaryen abort. asc
 * recovers from the first two; after the last its binaryen instance may be unusable
 * (NOTES-binaryen.md), so the toolchain worker's owner may replace the worker after it.
 */
function crashFailure(
  error: unknown,
  report: string,
  diagnostics: CompileDiagnostic[],
): CompileOutcome {
  const cause = crashCause(report) ?? describeError(error);
  if (isAllocationFailure(cause)) {
    return compileFailure(
      `The AssemblyScript compiler ran out of memory: the browser refused it a buffer (${cause}); a very large static buffer or data segment does this`,
      diagnostics,
    );
  }
  const nested = error instanceof RangeError || cause.startsWith("RangeError: Maximum call stack");
  const hint = nested ? " (deeply nested expressions do this)" : "";
  return compileFailure(`The AssemblyScript compiler crashed${hint}: ${cause}`, diagnostics);
}

function toDiagnostic(d: AscDiagnostic, starts: readonly number[]): CompileDiagnostic | undefined {
  if (d.category !== CATEGORY_ERROR && d.category !== CATEGORY_WARNING) return undefined;
  const severity = d.category === CATEGORY_ERROR ? "error" : "warning";
  const range = d.range;
  if (!range || range.source.normalizedPath !== SOURCE_FILE) {
    // Reported inside the standard library (or nowhere): no place in the person's text to mark.
    const where = range ? ` (in ${range.source.normalizedPath})` : "";
    return { message: `${d.message}${where}`, severity };
  }
  const start = positionAt(starts, range.start);
  const end = positionAt(starts, Math.max(range.start, range.end));
  return {
    message: d.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity,
  };
}

function summarise(diagnostics: CompileDiagnostic[], fallback: string): string {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const first = errors[0];
  if (!first) return fallback || "The AssemblyScript source did not compile.";
  const where = first.line !== undefined ? `Line ${first.line}, column ${first.column}: ` : "";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return `${where}${first.message}${more}`;
}

/** Each function's line in the person's source; none when the map is missing or unreadable. */
function sourceLinesOf(bytes: Uint8Array, map: string | undefined): Record<number, number> {
  if (map === undefined) return {};
  try {
    const parsed = JSON.parse(map) as { sources?: unknown; mappings?: unknown };
    const { sources, mappings } = parsed;
    if (!Array.isArray(sources) || typeof mappings !== "string") return {};
    return functionSourceLines(bytes, { sources: sources.map(String), mappings }, SOURCE_FILE);
  } catch {
    return {}; // the profile then names functions without revealing them; the build stands
  }
}

function decode(chunk: Uint8Array | string): string {
  return typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
}
