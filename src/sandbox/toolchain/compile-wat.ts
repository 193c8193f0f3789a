// WAT → wasm with wabt.js (wat2wasm compiled to wasm). Chosen over binaryen's parseText by
// measurement (Node 20, idle machine): wabt loads in ~30 ms from a 0.7 MB file (0.2 MB gzip)
// against ~300 ms and 14.8 MB (2.6 MB gzip) for binaryen; both read flat and folded syntax, but
// wabt places every error at line:column with the offending span, and reports validation errors
// (type mismatches) with their position, where binaryen gives a 0-based column for syntax
// errors and prints validation failures to stderr with no position at all.
import type { CompileDiagnostic, CompileOutcome } from "./api";
import { WABT_FEATURES, isWabtCrash, loadWabt, resetWabt } from "./wabt-loader";
import { parseWabtErrors } from "./wabt-errors";
import { compileFailure, describeError } from "./compile-failure";
import { compiledModule } from "./compiled";
import { groupDigits } from "../digits";

/** The name wabt uses for the source in its messages; never shown to the person. */
const FILE_NAME = "source.wat";

/** Larger sources are refused before parsing, so one paste cannot exhaust the worker's memory. */
export const MAX_WAT_SOURCE_CHARS = 16 * 1024 * 1024;

/** Loads wabt ahead of the first compile or disassembly (~30 ms in Node). */
export async function preloadWat(): Promise<void> {
  await loadWabt();
}

export async function compileWat(source: string): Promise<CompileOutcome> {
  const started = performance.now();
  if (source.length > MAX_WAT_SOURCE_CHARS) {
    return compileFailure(
      `The WAT source is ${groupDigits(source.length)} characters; the limit is ${groupDigits(MAX_WAT_SOURCE_CHARS)}.`,
      [],
    );
  }
  let wabt;
  try {
    wabt = await loadWabt();
  } catch (error) {
    return compileFailure(`The WAT compiler (wabt) failed to load: ${describeError(error)}`, []);
  }
  // wabt's glue copies a JS string one byte per UTF-16 unit, mangling non-ASCII text: give it UTF-8.
  const utf8 = new TextEncoder().encode(source).slice();
  let module: ReturnType<typeof wabt.parseWat> | undefined;
  try {
    module = wabt.parseWat(FILE_NAME, utf8, WABT_FEATURES);
    module.resolveNames();
    module.validate();
    // Debug names stay in the binary: traps then name the function, and disassembly reads back.
    const { buffer } = module.toBinary({ write_debug_names: true });
    return compiledModule(buffer.slice(), [], started);
  } catch (error) {
    if (isWabtCrash(error)) {
      resetWabt();
      // wabt's wasm has a small stack: ~10,000 nested expressions exhaust it.
      return compileFailure(
        `The WAT compiler ran out of stack or memory on this source (deeply nested expressions do this): ${describeError(error)}`,
        [],
      );
    }
    const text = describeError(error);
    const diagnostics = parseWabtErrors(text, FILE_NAME, source);
    return compileFailure(summarise(text, diagnostics), diagnostics);
  } finally {
    try {
      module?.destroy();
    } catch {
      resetWabt();
    }
  }
}

function summarise(text: string, diagnostics: CompileDiagnostic[]): string {
  const first = diagnostics[0];
  if (!first)
    return text.replace(/^\w+ failed:\s*/, "").trim() || "The WAT source did not compile.";
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
  return `Line ${first.line}, column ${first.column}: ${first.message}${more}`;
}
