// The contract between the instrumentation passes and the runner: the exports an instrumented
// module gains. NOTE: values must not change; the runner and cached modules depend on them.

/** Mutable i64 global: fuel left. Starts at the budget (or MAX_FUEL when unlimited); below 0 after exhaustion. */
export const FUEL_REMAINING_EXPORT = "__sandbox_fuel_remaining";
/**
 * Mutable i32 global, a bit set: 1 once a memory.grow, 2 once a table.grow was refused by a
 * cap; 4 when an `unreachable` ran inside a loop charged for all its iterations in advance (the
 * fuel count then lags: see FLAG_COUNT_LAGS).
 */
export const GROW_REFUSED_EXPORT = "__sandbox_grow_refused";
/** GROW_REFUSED_EXPORT's bit for a fuel count that lags the run at an `unreachable`. */
export const FLAG_COUNT_LAGS = 4;
/**
 * GROW_REFUSED_EXPORT's bit for an allocation (struct.new*, array.new*) refused by the GC
 * allocation cap: the run trapped there, before allocating (gc-cap.ts).
 */
export const FLAG_GC_CAP = 8;
/**
 * GROW_REFUSED_EXPORT's bit for a call that did not fit the stack budget (stack-budget.ts): the
 * run trapped as the function was entered, its entry charge paid and the count stored.
 */
export const FLAG_STACK_BUDGET = 16;
/**
 * Mutable i64 global, exported by a module that allocates GC objects: the bytes it has
 * allocated so far, by declared sizes (gc-cap.ts); after a refusal, the refused one included.
 */
export const GC_ALLOCATED_EXPORT = "__sandbox_gc_allocated";
/** The GC allocation cap when the limits name none: 256 MiB. */
export const DEFAULT_GC_ALLOCATION_BYTES = 256 * 1024 * 1024;
/** The stack budget (stack-budget.ts) when the limits name none: 256 KiB of estimated frames. */
export const DEFAULT_STACK_BYTES = 256 * 1024;
/** The stack budgets a config may ask for. */
export const MIN_STACK_BYTES = 16 * 1024;
export const MAX_STACK_BYTES = 1024 * 1024;
/** The module's (first) memory, exported under this name when the module did not export it already. */
export const MEMORY_EXPORT = "__sandbox_memory";

/**
 * The name memory `index` is exported under: MEMORY_EXPORT for the first, MEMORY_EXPORT_1,
 * MEMORY_EXPORT_2, … for the others of a multi-memory module, so the runner can add up the
 * memory in use (the cap bounds the total).
 */
export function memoryExportName(index: number): string {
  return index === 0 ? MEMORY_EXPORT : `${MEMORY_EXPORT}_${index}`;
}

/**
 * With `deferStart`: the module's start function, exported under this name after its start
 * section is removed. The runner calls it right after instantiation, so a start function runs
 * metered with an instance to read the fuel from, and host functions it calls see the memory.
 */
export const START_EXPORT = "__sandbox_start";

/**
 * With `profile`: a funcref table of two slots the runner fills before anything runs, with
 * the host's profile hooks (profile-pass.ts): enter(funcIndex: i32, consumed: f64) → depth: i32
 * and settle(depth: i32, consumed: f64).
 */
export const PROFILE_HOOKS_EXPORT = "__sandbox_profile_hooks";
export const PROFILE_ENTER_SLOT = 0;
export const PROFILE_SETTLE_SLOT = 1;

/**
 * Every export name instrument() may add but memoryExportName's (checked for the memories a
 * module has); a module that already exports one is refused.
 */
export const RESERVED_EXPORTS = [
  FUEL_REMAINING_EXPORT,
  GROW_REFUSED_EXPORT,
  MEMORY_EXPORT,
  START_EXPORT,
  GC_ALLOCATED_EXPORT,
] as const;

export interface InstrumentLimits {
  /** Fuel budget; undefined = unlimited (still counted). */
  maxFuel?: bigint | number;
  /** Memory cap in bytes (rounded down to 64 KiB pages). */
  maxMemoryBytes: number;
  /**
   * Cap on the bytes a run may allocate as GC objects (struct.new*, array.new*), counted by
   * declared sizes before each allocation, whatever the fuel. Default 256 MiB.
   */
  maxGcAllocationBytes?: number;
  /**
   * With metering: the budget of the guest's call stack in estimated frame bytes
   * (stack-budget.ts); a call past it ends the run as stack_overflow at the same depth on every
   * engine. Default DEFAULT_STACK_BYTES (256 KiB), from 16 KiB to 1 MiB.
   */
  maxStackBytes?: number;
  /** Cap on every table's elements. Default: no table cap. */
  maxTableElements?: number;
  /** false: cap memory and tables only, no fuel pass (the "unmetered" run). Default true. */
  meter?: boolean;
  /**
   * true: remove the start section and export the start function as START_EXPORT, for a host
   * that calls it itself (the runner). Default false: the output runs in any wasm host.
   */
  deferStart?: boolean;
  /**
   * true: functions whose loops make no call keep the fuel counter in a local and store it to
   * the global only at calls, returns and exhaustion, which makes tight loops much cheaper.
   * The count is the same, and the global is exact after a return, a host call, an exit or
   * exhaustion; after a trap raised inside one of those functions (`lazyFunctions` of the
   * outcome) it holds the count at that function's last call or entry (WasmSandbox re-runs
   * such a run without it to report the exact fuel). Default false: the global is exact after
   * every trap too.
   */
  lazyCounter?: boolean;
  /**
   * true (with metering): a profiled build (profile-pass.ts). Charges keep the counter in the
   * global ("scratch" shape, lazyCounter ignored) and every function calls the profile hooks
   * (PROFILE_HOOKS_EXPORT) at entry and exit; the fuel count is the same. Default false.
   */
  profile?: boolean;
}

/** What instrument() returns: typed failure, never a thrown error, so it crosses workers intact. */
export type InstrumentOutcome =
  | {
      ok: true;
      bytes: Uint8Array;
      /** The budget built into the module; undefined when unlimited. */
      fuelLimit: bigint | undefined;
      originalSize: number;
      instrumentedSize: number;
      /**
       * With lazyCounter: the functions (index space, ascending) that keep the count in a
       * local, so that after a trap raised inside one of them the fuel global may lag.
       */
      lazyFunctions: number[];
      /**
       * With lazyCounter: the functions that take the count as a parameter instead of reading
       * the global (README.md, "threaded counter"), so that after a stack overflow raised
       * as one of them is entered the global may lag as well.
       */
      threadedFunctions: number[];
      /** Time spent in read + passes + emit. */
      instrumentMs: number;
    }
  | { ok: false; kind: "invalid_module" | "memory_limit"; message: string };
