// The GC allocation cap. GC objects live in the runner's JS heap, where running out of memory
// takes the whole tab down, so every allocation (struct.new, struct.new_default, array.new,
// array.new_default, array.new_fixed, array.new_data, array.new_elem) first adds its declared
// size to a count of bytes allocated (the module's GC_ALLOCATED_EXPORT global) and traps, with
// FLAG_GC_CAP set, when that would pass the cap. The count is by declared sizes, so the same run
// stops at the same allocation on every engine; objects freed by the collector are not given
// back (a bound on allocation, not on the live heap: deterministic, and enough to keep the heap
// under the cap).
import { FLAG_GC_CAP } from "./abi";
import { encodeS64, encodeU32 } from "../wasm/reader";
import type { TypeEntry } from "../wasm/types";
import { flushCounter, type Fuel } from "./charge-code";
import { EMPTY_BLOCK, OP } from "./emit-ops";

/** Bytes counted for every object on top of its fields or elements. */
export const GC_OBJECT_HEADER_BYTES = 8n;

export interface GcCap {
  /** The i64 global counting bytes allocated. */
  global: number;
  flagGlobal: number;
  capBytes: bigint;
  types: readonly TypeEntry[];
}

/** What an allocation instruction allocates: sub-opcodes of 0xFB. */
export const GC_ALLOCATIONS = new Set([0, 1, 6, 7, 8, 9, 10]);

/**
 * Before an allocation of type `type`: `elements` fixed (struct: 0; array.new_fixed: its count)
 * or undefined when the element count is the i32 on top of the stack (saved in `tmp`).
 */
export function gcAllocationCheck(
  c: GcCap,
  type: number,
  elements: number | undefined,
  tmp: number,
  fuel: Fuel | undefined,
): number[] {
  const entry = c.types[type];
  const unit = BigInt(entry && entry.form !== "func" ? entry.bytes : 0);
  const g = encodeU32(c.global);
  const k = (v: bigint) => [OP.i64Const, ...encodeS64(v)];
  const isArray = entry?.form === "array";
  let size: number[];
  if (!isArray) size = k(GC_OBJECT_HEADER_BYTES + unit);
  else if (elements !== undefined) size = k(GC_OBJECT_HEADER_BYTES + unit * BigInt(elements));
  else {
    size = [
      OP.localTee, ...encodeU32(tmp), OP.localGet, ...encodeU32(tmp), OP.i64ExtendI32U, ...k(unit), OP.i64Mul,
      ...k(GC_OBJECT_HEADER_BYTES), OP.i64Add,
    ]; // prettier-ignore
  }
  const flag = encodeU32(c.flagGlobal);
  // count += size; count > cap: flag it, store the fuel count (so it is exact) and trap.
  return [
    ...size, OP.globalGet, ...g, OP.i64Add, OP.globalSet, ...g,
    OP.globalGet, ...g, ...k(c.capBytes), OP.i64GtU,
    OP.if, EMPTY_BLOCK,
    OP.globalGet, ...flag, OP.i32Const, FLAG_GC_CAP, OP.i32Or, OP.globalSet, ...flag,
    ...(fuel ? flushCounter(fuel) : []), OP.unreachable,
    OP.end,
  ]; // prettier-ignore
}
