// How every compiler in the toolchain says it failed: one message, and at least one diagnostic
// so the editor always has something to mark.
import type { CompileDiagnostic, CompileOutcome } from "./api";

export function compileFailure(
  message: string,
  diagnostics: CompileDiagnostic[] = [],
): CompileOutcome {
  return {
    ok: false,
    message,
    diagnostics: diagnostics.length > 0 ? diagnostics : [{ message, severity: "error" }],
  };
}

/** The message of whatever a compiler threw. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
