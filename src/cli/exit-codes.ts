// The CLI's exit status: 0 on success, the guest's own code on a WASI exit, and one fixed code
// per error kind, out of the range programs commonly use (the help text prints this table).
import type { ErrorKind, ExecutionResult } from "../sandbox";

/** Bad arguments, an unreadable file, an invalid config: nothing ran. */
export const EXIT_USAGE = 2;

/** Every error kind but "exit" (which passes the guest's code through). */
export const EXIT_CODES: Record<Exclude<ErrorKind, "exit">, number> = {
  invalid_config: EXIT_USAGE,
  invalid_module: 110,
  compile_error: 111,
  import_denied: 112,
  memory_limit: 113,
  fuel_exhausted: 114,
  stack_overflow: 115,
  trap: 116,
  output_limit: 117,
  crash: 118,
  timeout: 124, // as GNU timeout(1)
};

/** A guest exit code the shell cannot show as itself (0, or above 255) becomes 1. */
export function guestExitStatus(code: number): number {
  return Number.isInteger(code) && code >= 1 && code <= 255 ? code : 1;
}

export function exitStatusOf(result: ExecutionResult): number {
  if (result.success) return 0;
  const kind = result.errorKind ?? "crash";
  if (kind === "exit") return guestExitStatus(result.exitCode ?? 1);
  return EXIT_CODES[kind];
}
