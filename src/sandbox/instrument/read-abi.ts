// The runner's side of the ABI: reading the fuel counter and the refused-grow flag of an
// instance made from instrument()'s output.
import {
  FLAG_COUNT_LAGS,
  FLAG_GC_CAP,
  FLAG_STACK_BUDGET,
  FUEL_REMAINING_EXPORT,
  GC_ALLOCATED_EXPORT,
  GROW_REFUSED_EXPORT,
} from "./abi";

const UNLIMITED_FUEL = (1n << 63n) - 1n;

/**
 * Fuel used so far. `fuelLimit` is the outcome's fuelLimit (undefined: unlimited). After
 * exhaustion the counter is below 0: `exhausted` is true and `consumed` is the whole budget.
 * Throws if the instance was not metered (no fuel global).
 */
export function readFuel(
  instance: WebAssembly.Instance,
  fuelLimit: bigint | undefined,
): { consumed: bigint; exhausted: boolean } {
  const global = instance.exports[FUEL_REMAINING_EXPORT];
  if (!(global instanceof WebAssembly.Global)) {
    throw new TypeError(`the instance has no ${FUEL_REMAINING_EXPORT} global: it was not metered`);
  }
  const remaining = global.value as bigint;
  const start = fuelLimit ?? UNLIMITED_FUEL;
  if (remaining < 0n) return { consumed: start, exhausted: true };
  return { consumed: start - remaining, exhausted: false };
}

export type GrowRefusal = "memory" | "table" | "gc" | "stack";

/**
 * Which cap refused a memory.grow or table.grow during the run (memory first), if any; "stack"
 * or "gc" first of all when the stack budget or the GC allocation cap ended the run (each
 * traps where it refuses).
 */
export function readGrowRefused(instance: WebAssembly.Instance): GrowRefusal | undefined {
  const global = instance.exports[GROW_REFUSED_EXPORT];
  const flags = global instanceof WebAssembly.Global ? Number(global.value) : 0;
  if (flags & FLAG_STACK_BUDGET) return "stack";
  if (flags & FLAG_GC_CAP) return "gc";
  return flags & 1 ? "memory" : flags & 2 ? "table" : undefined;
}

/**
 * Whether the fuel count lags at the `unreachable` the run ended on: one inside a counted loop's
 * copy charged for all its iterations at entry (loop-code.ts). Any other `unreachable` has the
 * count stored right before it.
 */
export function readCountLags(instance: WebAssembly.Instance): boolean {
  const global = instance.exports[GROW_REFUSED_EXPORT];
  return global instanceof WebAssembly.Global && (Number(global.value) & FLAG_COUNT_LAGS) !== 0;
}

/**
 * Bytes of GC objects allocated so far, by declared sizes (gc-cap.ts): undefined for a module
 * that allocates none (it has no count). After the cap ended a run, the refused allocation is
 * included, so the figure is above the cap.
 */
export function readGcAllocated(instance: WebAssembly.Instance | undefined): number | undefined {
  const global = instance?.exports[GC_ALLOCATED_EXPORT];
  return global instanceof WebAssembly.Global ? Number(global.value as bigint) : undefined;
}
