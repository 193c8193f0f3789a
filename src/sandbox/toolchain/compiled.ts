// A successful compile's outcome carries what inspect() reads of the module (exports, imports,
// memories…), read in the compiler's worker: the page gets the bytes and their description in
// one reply instead of sending the bytes back to the toolchain to ask.
import { inspect } from "../inspect/inspect";
import type { CompileDiagnostic, CompileOutcome } from "./api";

export function compiledModule(
  bytes: Uint8Array,
  diagnostics: CompileDiagnostic[],
  startedAt: number,
  functionLines?: Record<number, number>,
): CompileOutcome {
  const compileMs = performance.now() - startedAt;
  const inspected = inspect(bytes);
  return {
    ok: true,
    bytes,
    diagnostics,
    compileMs,
    info: inspected.ok ? inspected.info : null,
    ...(functionLines ? { functionLines } : {}),
  };
}
