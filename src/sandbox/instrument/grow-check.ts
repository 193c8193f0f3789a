// The memory-cap pass, dynamic half: the code put before every memory.grow and table.grow. The
// cap bounds the total of all memories (or all tables) of a module; each maximum is also
// lowered to the cap (limits-pass.ts), so with one memory (or one table) the engine itself
// refuses a grow past it, and the check only decides whether to flag or to charge.
import { FUEL_PER_PAGE_GROWN, FUEL_PER_TABLE_ELEMENT, charge } from "./charge-code";
import { operandAmount } from "./operand-charge";
import type { Fuel } from "./charge-code";
import { RefusedError } from "./bytes";
import type { Insert } from "./scan-result";
import { encodeS64, encodeU32 } from "../wasm/reader";
import { groupDigits } from "../digits";

const GLOBAL_GET = 0x23;
const GLOBAL_SET = 0x24;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I32_OR = 0x72;
const I64_GT_U = 0x56;
const I64_ADD = 0x7c;
const I64_EXTEND_I32_U = 0xad;
const IF_EMPTY = [0x04, 0x40];
const IF_I32 = [0x04, 0x7f];
const IF_I64 = [0x04, 0x7e];
const I32_OR_ = 0x72;
const ELSE = 0x05;
const END = 0x0b;

export interface GrowCheck {
  kind: "memory" | "table";
  /** Memory or table index of the grow. */
  index: number;
  /** How many memories (or tables) the module has, imported ones included. */
  count: number;
  tmp: number;
  /** Cap in pages or elements, on the total of all of them; undefined: no cap, never flagged. */
  cap: bigint | undefined;
  flagGlobal: number;
  /** undefined: not metered, no charge. */
  fuel: Fuel | undefined;
  /** By memory (table) index: 64-bit, its size and the grow's delta and result are i64. */
  is64: readonly boolean[];
}

/** memory.size / table.size of `index`, as an i64 (widened unless it is 64-bit). */
function size(kind: GrowCheck["kind"], index: number, is64: boolean): number[] {
  const get = kind === "memory" ? [0x3f, ...encodeU32(index)] : [0xfc, 16, ...encodeU32(index)];
  return is64 ? get : [...get, I64_EXTEND_I32_U];
}

/**
 * Before memory.grow / table.grow (delta on top of the stack). If the grow would take the total
 * past the cap it will be refused: set the grow-refused flag (and charge nothing, a refused grow
 * is cheap). Otherwise charge delta × the per-page or per-element price.
 *
 * With one memory (or table) the total is its size and the check leaves the delta alone (the
 * lowered maximum refuses the grow). With several, each maximum alone does not bound the total,
 * so a refused grow's delta is replaced by 2^32 - 1, which no memory or table can take: the grow
 * returns -1 as the spec says, and the guest sees a normal failed allocation.
 */
export function growCheck(c: GrowCheck): number[] {
  const factor = c.kind === "memory" ? FUEL_PER_PAGE_GROWN : FUEL_PER_TABLE_ELEMENT;
  const tmp = encodeU32(c.tmp);
  const wide = c.is64[c.index] === true;
  const amount = operandAmount(c.tmp, 0n, factor, wide);
  const cap = c.cap;
  if (cap === undefined) {
    return c.fuel === undefined ? [] : [LOCAL_TEE, ...tmp, ...charge(c.fuel, amount)];
  }
  // Inside the if below, the cold exit is one label further.
  const inIf = c.fuel && { ...c.fuel, trapDepth: c.fuel.trapDepth && c.fuel.trapDepth + 1 };
  const chargeCode = inIf ? charge(inIf, amount) : [];
  const flag = [
    GLOBAL_GET, ...encodeU32(c.flagGlobal), I32_CONST, c.kind === "memory" ? 1 : 2, I32_OR,
    GLOBAL_SET, ...encodeU32(c.flagGlobal),
  ]; // prettier-ignore
  // A 64-bit delta is over the cap by itself when it is (the sum could wrap past 2^64).
  const over = (total: number[]) =>
    wide
      ? [
          ...total, LOCAL_GET, ...tmp, I64_ADD, I64_CONST, ...encodeS64(cap), I64_GT_U,
          LOCAL_GET, ...tmp, I64_CONST, ...encodeS64(cap), I64_GT_U, I32_OR_,
        ]
      : [
          ...total, LOCAL_GET, ...tmp, I64_EXTEND_I32_U, I64_ADD, I64_CONST, ...encodeS64(cap), I64_GT_U,
        ]; // prettier-ignore
  const sizeOf = (i: number) => size(c.kind, i, c.is64[i] === true);
  if (c.count < 2) {
    return [
      LOCAL_TEE, ...tmp, ...over(sizeOf(c.index)),
      ...IF_EMPTY, ...flag, ...(chargeCode.length > 0 ? [ELSE, ...chargeCode] : []), END,
    ]; // prettier-ignore
  }
  const total = sizeOf(0);
  for (let i = 1; i < c.count; i++) total.push(...sizeOf(i), I64_ADD);
  return [
    LOCAL_SET, ...tmp, ...over(total),
    ...(wide ? IF_I64 : IF_I32), ...flag, wide ? I64_CONST : I32_CONST, 0x7f, // -1
    ELSE, ...chargeCode, LOCAL_GET, ...tmp, END,
  ]; // prettier-ignore
}

/**
 * Most memory.size / table.size reads the grow checks of one module may hold (a few MB of code):
 * with several memories or tables each check reads every one, so a module with thousands of
 * tables and as many table.grow instructions would otherwise multiply its size by thousands.
 */
export const MAX_GROW_SIZE_READS = 1_000_000;

export interface GrowTotals {
  memoryCount: number;
  tableCount: number;
  tableCap: bigint | undefined;
}

/** The size reads the grow checks among `inserts` will hold (0 for one memory or table). */
export function growSizeReads(inserts: readonly Insert[], t: GrowTotals): number {
  let reads = 0;
  for (const ins of inserts) {
    if (ins.what === "memGrow" && t.memoryCount > 1) reads += t.memoryCount;
    if (ins.what === "tableGrow" && t.tableCount > 1 && t.tableCap !== undefined) {
      reads += t.tableCount;
    }
  }
  return reads;
}

/** Refuses a module whose grow checks would hold more than MAX_GROW_SIZE_READS size reads. */
export function refuseCostlyGrowChecks(reads: number, t: GrowTotals): void {
  if (reads <= MAX_GROW_SIZE_READS) return;
  throw new RefusedError(
    "invalid_module",
    `the module has ${groupDigits(t.memoryCount)} memories and ${groupDigits(t.tableCount)} tables, and so many grow instructions that checking each against the total of all of them (the caps bound the total) would take ${groupDigits(reads)} size reads, over the limit of ${groupDigits(MAX_GROW_SIZE_READS)}`,
  );
}
