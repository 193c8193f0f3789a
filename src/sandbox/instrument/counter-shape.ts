// The one place that decides where the fuel counter lives: the shape a module is instrumented
// in (moduleCounter, from the limits) and each function's shape (bodyCounter); charge-code.ts
// emits each shape's charges. Every shape counts the same fuel; they differ in speed and in
// whether a trap can leave the global count lagging (exactness.ts; the sandbox recounts then).
// A function gets a simpler shape than the module's where that one cannot hold or does not pay.

/**
 * The shape asked for a module. "global": charges read and write the global. "scratch": the
 * global, through an i64 local (one load per charge). "cached": like scratch, and functions
 * with loops and no try keep a copy in that local (and defer their entry charge's store and
 * check, deferred-entry.ts). "lazy": like cached, but in modules that catch no exception, a function
 * with a loop that makes no call keeps the counter only in the local (and direct-only functions
 * take it as a parameter, threading.ts); the global is then exact whenever the guest is outside
 * wasm, after a return or exhaustion, and after any other trap it may lag (exactness.ts).
 * "global" and "scratch" exist for the tests and benches (and scratch for the profiled build).
 */
export type FuelCounterShape = "global" | "scratch" | "cached" | "lazy";

/**
 * The shape of a module's counter, decided here only: a profiled build keeps the count exact
 * in the global at every charge (profile-pass.ts reads it) and asks for "scratch"; otherwise
 * `lazyCounter` asks for "lazy" (the sandbox in deterministic mode, which recounts a run whose
 * count may lag) and its absence for "cached", exact after every trap (instrument()'s default,
 * and the sandbox's recount). Tests and benches may name a shape (`override`).
 */
export function moduleCounter(
  limits: { lazyCounter?: boolean; profile: boolean },
  override?: FuelCounterShape,
): FuelCounterShape {
  if (limits.profile) return "scratch";
  return override ?? (limits.lazyCounter ? "lazy" : "cached");
}

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
