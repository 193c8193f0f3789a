// The one builder of a result for a run that ended before the guest did anything: nothing
// written, no time, no memory used. The sandbox starts every run from it; the page uses it for
// what fails before the engine is asked (a compile error, refused arguments, an engine that
// would not load).
import type { ErrorKind, ExecutionResult } from "./types";

/** What is known of the run before it ran. */
export interface RunFacts {
  metered: boolean;
  /** The memory cap (0: none was resolved, e.g. the config was refused). */
  memoryLimitBytes?: number;
  fuelLimit?: bigint;
}

/** An unsuccessful result with nothing in it yet; the sandbox fills it in as the run goes. */
export function emptyResult(facts: RunFacts): ExecutionResult {
  return {
    success: false,
    output: "",
    stderr: "",
    executionTimeMs: 0,
    memoryUsedBytes: 0,
    memoryLimitBytes: 0,
    timings: { compileMs: 0, instrumentMs: 0, instantiateMs: 0, runMs: 0 },
    ...facts,
  };
}

/** A run that failed before the guest ran, with its kind and message. */
export function failedResult(
  errorKind: ErrorKind,
  error: string,
  facts: RunFacts = { metered: true },
): ExecutionResult {
  return { ...emptyResult(facts), errorKind, error };
}
