// The exactness contract of the lazy counter shapes (counter-shape.ts): which failures can leave
// the fuel global lagging the true count, so that the sandbox must recount the run in the
// exact shape (WasmSandbox.recount). Each rule is a promise of the pass, stated here beside it:
// - every call out of a function stores the count first, so an error a host function throws
//   finds it stored (raisedIn "host");
// - a stack overflow entering a function finds the count stored by its caller, unless the
//   function is threaded (it takes the count as a parameter);
// - every `unreachable` is preceded by a store of the count (abort, assert, panic), except in
//   a counted loop's copy, which raises FLAG_COUNT_LAGS instead (the runner does not report
//   such a failure as `unreachable`);
// - any other trap raised inside a function that keeps the count in a local (lazyFunctions)
//   may have left the global at that function's last call or entry.
import type { ErrorKind } from "../types";

/** How a lazily counted run ended, as the runner reports it. */
export interface LazyRunEnd {
  success: boolean;
  errorKind?: ErrorKind;
  /** Whether the run has a fuel count at all (metered). */
  counted: boolean;
  /** The function the failure was raised in, "host" for a host function, undefined: unknown. */
  raisedIn?: number | "host";
  /** The failure was the guest's own `unreachable`. */
  unreachable?: boolean;
}

/** What the fuel pass said of the module it wrote (InstrumentOutcome). */
export interface LazyFunctions {
  lazyFunctions: readonly number[];
  threadedFunctions: readonly number[];
}

/** Whether the fuel count of a run in a lazy shape may lag, so the run must be recounted. */
export function countMayLag(end: LazyRunEnd, written: LazyFunctions): boolean {
  if (end.success || !end.counted) return false;
  if (end.raisedIn === "host") return false;
  if (end.errorKind === "stack_overflow") {
    return end.raisedIn === undefined || written.threadedFunctions.includes(end.raisedIn);
  }
  if (end.errorKind !== "trap" && end.errorKind !== "memory_limit") return false;
  if (end.unreachable) return false;
  return end.raisedIn === undefined || written.lazyFunctions.includes(end.raisedIn);
}
