// The one place that decides where a function's fuel counter lives (its shape); fuel-pass.ts
// builds the function's charges from the answer. Every shape counts the same fuel; they differ
// in speed and in whether a trap can leave the global count lagging (the sandbox recounts
// then). The module-wide setting (FuelPassOptions.counter) is what a caller asks for; a
// function gets a simpler shape where the one asked for cannot hold or does not pay.
import type { FuelCounterShape } from "./fuel-pass";

/**
 * none: not metered. global: charges read and write the global. scratch: through an i64 local
 * (one load per charge). cached: the local keeps a copy across the body, stored at each charge.
 * lazy: the count lives in the local, stored before calls and returns and on exhaustion.
 * threaded: lazy, with the local a parameter the callers pass and the function returns.
 */
export type BodyCounter = "none" | "global" | "scratch" | "cached" | "lazy" | "threaded";

export interface BodyCounterFacts {
  meter: boolean;
  /** The shape asked for the module. */
  asked: FuelCounterShape;
  /** The body gets the cold exit block (its results fit a block type, a local is kept). */
  coldExit: boolean;
  /** The function takes the counter as a parameter (rewriteCodeSection's threaded set). */
  threadedSignature: boolean;
  /** Some function of the module uses exception handling. */
  moduleCatches: boolean;
  callFreeLoop: boolean;
  hasLoop: boolean;
  hasTry: boolean;
}

export function bodyCounter(f: BodyCounterFacts): BodyCounter {
  if (!f.meter) return "none";
  if (f.asked === "global") return "global";
  // A threaded function's counter is its extra parameter (its own locals move up by one).
  if (f.coldExit && f.threadedSignature) return "threaded";
  // Lazy needs the cold exit (it stores the counter there) and no exception that could unwind
  // the function with the count only in its local. Only where it pays: a function whose every
  // loop calls stores the counter before each call anyway, and the store at every return
  // costs recursive code dearly.
  if (f.asked === "lazy" && f.coldExit && !f.moduleCatches && f.callFreeLoop) return "lazy";
  if (f.asked !== "scratch" && f.hasLoop && !f.hasTry) return "cached";
  return "scratch";
}
