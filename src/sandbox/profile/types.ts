// The fuel profile of a run (execute(bytes, { profile: true })): plain data, exact and
// deterministic — every unit of fuelConsumed is in exactly one function's selfFuel.

export interface ProfiledFunction {
  /** Function index (imports first). */
  index: number;
  /** From the name section, else an export name. */
  name?: string;
  /** Times the function was entered. */
  calls: bigint;
  /** Fuel spent in the function's own code. */
  selfFuel: bigint;
  /** Fuel spent in it and its callees, counted once per call path (recursion is not doubled). */
  totalFuel: bigint;
}

/** One call path: the chain of `parent`s up to a root is the path (root first). */
export interface CallPathNode {
  /** Function index. */
  function: number;
  /** Index in callTree of the caller's node; -1 for a path's root (the entry, the start function). */
  parent: number;
  calls: bigint;
  selfFuel: bigint;
  /** selfFuel plus every descendant's. */
  totalFuel: bigint;
}

export interface FuelProfile {
  /** The functions that ran, by index. */
  functions: ProfiledFunction[];
  /** Every call path that ran, parents before their children. */
  callTree: CallPathNode[];
  /**
   * The run made more call paths than the recorder keeps (MAX_CALL_PATHS): further paths were
   * folded into an earlier node of the same function. Functions' calls and selfFuel stay exact.
   */
  truncated?: true;
}
