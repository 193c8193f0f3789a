// The instruction sequences the passes insert, as raw bytes, and the cost constants of the fuel
// model. Every sequence is stack-neutral: it may peek at the operand on top of the stack (saved
// with local.tee) but leaves the stack exactly as it found it. Each function switches on the
// body's counter shape (counter-shape.ts, BodyCounter): the shapes' differences live here only.
//
// NOTE: the constants below are part of the fuel model (src/sandbox/instrument/README.md, the contract): changing
// one changes fuelConsumed for the same program, so it needs a note in the design and the docs.
import { FLAG_COUNT_LAGS } from "./abi";
import { encodeS64, encodeU32 } from "../wasm/reader";
import type { BodyCounter } from "./counter-shape";
import { EMPTY_BLOCK, OP } from "./emit-ops";

/** memory.fill / memory.copy / memory.init: 1 fuel per 8 bytes (floor), on top of the 1 for the op. */
export const BYTES_PER_FUEL_SHIFT = 3n;
/** memory.grow: fuel per 64 KiB page added, the price of filling that page (65536 / 8). */
export const FUEL_PER_PAGE_GROWN = 8192n;
/** table.fill / table.copy / table.init / table.grow: fuel per element. */
export const FUEL_PER_TABLE_ELEMENT = 1n;
/**
 * array.new, array.new_default, array.new_data, array.new_elem, array.fill, array.copy,
 * array.init_data, array.init_elem: fuel per element (the count on top of the stack), charged
 * before the instruction runs, on top of the 1 for the instruction. One per element whatever
 * the element's size, as for tables: an element is at most a v128 or a reference.
 */
export const FUEL_PER_ARRAY_ELEMENT = 1n;

const {
  globalGet: GLOBAL_GET, globalSet: GLOBAL_SET, localGet: LOCAL_GET, localSet: LOCAL_SET,
  localTee: LOCAL_TEE, i32Const: I32_CONST, i64Const: I64_CONST, i32Or: I32_OR,
  i64LtS: I64_LT_S, i64Add: I64_ADD, i64Sub: I64_SUB,
  end: END, unreachable: UNREACHABLE, brIf: BR_IF, br: BR,
} = OP; // prettier-ignore
const IF_EMPTY = [OP.if, EMPTY_BLOCK];

/** A metered body's counter shape (counter-shape.ts). */
export type MeteredCounter = Exclude<BodyCounter, "none">;

/**
 * Where a body's counter lives, by its shape (counter-shape.ts, BodyCounter): the global
 * always, and for every shape but "global" an i64 `local` too (the threaded shape's is its
 * extra parameter). scratch: charges read the global, store it and keep the result in the local
 * for the check. cached: the local keeps a copy across the body that charges read (reloaded
 * after every call: the callee charged the global). lazy: the count lives in the local, stored
 * to the global at calls, returns and exhaustion, so after a trap the global holds the count at
 * the trapping function's last call or entry. threaded: lazy, the local being the function's
 * extra parameter; it returns the counter as its extra result and passes it to threaded callees.
 */
export interface Fuel {
  counter: MeteredCounter;
  global: number;
  /** The i64 local; unused by the "global" shape. */
  local: number;
  /**
   * Label depth of the function's cold exit block (coldExitFrames) from the charge's position:
   * the check is then one `br_if` to it instead of an inline `if unreachable end`.
   */
  trapDepth?: number;
}

/** The count lives in the local, not the global (lazy, threaded). */
function countInLocal(f: Fuel): boolean {
  switch (f.counter) {
    case "lazy":
    case "threaded":
      return true;
    case "global":
    case "scratch":
    case "cached":
      return false;
  }
}

/** The local holds a copy that charges may read (cached, lazy, threaded). */
function localIsCopy(f: Fuel): boolean {
  switch (f.counter) {
    case "cached":
    case "lazy":
    case "threaded":
      return true;
    case "global":
    case "scratch":
      return false;
  }
}

/** Subtracts the i64 that `amount` pushes from the counter; traps at once if it went below 0. */
export function charge(f: Fuel, amount: readonly number[], fromGlobal = false): number[] {
  const g = encodeU32(f.global);
  const l = encodeU32(f.local);
  const read = (fromLocal: boolean) => (fromLocal ? [LOCAL_GET, ...l] : [GLOBAL_GET, ...g]);
  switch (f.counter) {
    case "global":
      return [
        GLOBAL_GET, ...g, ...amount, I64_SUB, GLOBAL_SET, ...g,
        GLOBAL_GET, ...g, I64_CONST, 0, I64_LT_S, ...IF_EMPTY, UNREACHABLE, END,
      ]; // prettier-ignore
    case "lazy":
    case "threaded":
      return [
        ...read(!fromGlobal), ...amount, I64_SUB,
        LOCAL_TEE, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f),
      ]; // prettier-ignore
    case "scratch":
    case "cached":
      return [
        ...read(!fromGlobal && f.counter === "cached"), ...amount, I64_SUB,
        LOCAL_TEE, ...l, GLOBAL_SET, ...g,
        LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f),
      ]; // prettier-ignore
  }
}

/** Traps if the i32 on the stack is true: a br_if to the cold exit, or an inline trap. */
function trapIfTrue(f: Fuel): number[] {
  if (f.trapDepth !== undefined) return [BR_IF, ...encodeU32(f.trapDepth)];
  return [...IF_EMPTY, UNREACHABLE, END];
}

/**
 * Charge of a straight-line region of `n` instructions (at entry, this also loads the copy).
 * Without `check` (a count in the local only) the check waits for afterThreadedCall.
 */
export function staticCharge(f: Fuel, n: number, atEntry: boolean, check = true): number[] {
  if (n === 0) return atEntry ? reloadCounter(f) : [];
  if (!check && countInLocal(f) && !atEntry) {
    const l = encodeU32(f.local);
    return [LOCAL_GET, ...l, I64_CONST, ...encodeS64(BigInt(n)), I64_SUB, LOCAL_SET, ...l];
  }
  return charge(f, [I64_CONST, ...encodeS64(BigInt(n))], atEntry);
}

/**
 * Entry charge of a function with a cached copy, deferred (deferred-entry.ts): the copy
 * takes global - n; the global and the check wait for the first commit.
 */
export function deferredEntryCharge(f: Fuel, n: number): number[] {
  const l = encodeU32(f.local);
  return [GLOBAL_GET, ...encodeU32(f.global), I64_CONST, ...encodeS64(BigInt(n)), I64_SUB, LOCAL_SET, ...l]; // prettier-ignore
}

/** The deferred entry charge's store and check (idempotent once the copy and global agree). */
export function commitCharge(f: Fuel): number[] {
  const l = encodeU32(f.local);
  const check = [LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f)];
  if (countInLocal(f)) return check;
  return [LOCAL_GET, ...l, GLOBAL_SET, ...encodeU32(f.global), ...check];
}

/** Before a call or a return, where the count lives in the local: the global takes it. */
export function flushCounter(f: Fuel): number[] {
  if (!countInLocal(f)) return [];
  return [LOCAL_GET, ...encodeU32(f.local), GLOBAL_SET, ...encodeU32(f.global)];
}

/** After a call: the local copy takes the global's value again. */
export function reloadCounter(f: Fuel): number[] {
  if (!localIsCopy(f)) return [];
  return [GLOBAL_GET, ...encodeU32(f.global), LOCAL_SET, ...encodeU32(f.local)];
}

/**
 * Before an `unreachable` in a counted loop's copy charged in advance: the count cannot be
 * stored exactly there, so the flag says it lags (abi.ts, FLAG_COUNT_LAGS).
 */
export function markCountLags(flagGlobal: number): number[] {
  const g = encodeU32(flagGlobal);
  return [GLOBAL_GET, ...g, I32_CONST, FLAG_COUNT_LAGS, I32_OR, GLOBAL_SET, ...g];
}

/** Before `return` (and at the body's end): a threaded function pushes its extra result. */
export function beforeReturn(f: Fuel): number[] {
  if (f.counter === "threaded") return [LOCAL_GET, ...encodeU32(f.local)];
  return flushCounter(f);
}

/**
 * Before a call to a function that is not threaded. A threaded function may have been entered
 * with the counter already below 0 (a caller's check waits for the return, afterThreadedCall),
 * so it checks before anything outside it can see the count: a host call acts only on a count
 * the exact shape would also have reached.
 */
export function beforeCall(f: Fuel): number[] {
  if (f.counter !== "threaded") return flushCounter(f);
  const l = encodeU32(f.local);
  return [
    LOCAL_GET, ...l, GLOBAL_SET, ...encodeU32(f.global),
    LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f),
  ]; // prettier-ignore
}

/** Before a call to a threaded function: its extra argument, the counter. */
export function beforeThreadedCall(f: Fuel): number[] {
  if (localIsCopy(f)) return [LOCAL_GET, ...encodeU32(f.local)];
  return [GLOBAL_GET, ...encodeU32(f.global)];
}

/**
 * After a call to a threaded function: the counter it returns goes where the caller keeps it;
 * with `check`, the caller's own charge before the call is checked now. Each threaded function
 * checks every charge it makes before it returns, so only a caller's charge can wait, and it
 * waits for one call: a chain of such waits is as deep as the stack can be.
 */
export function afterThreadedCall(f: Fuel, check: boolean): number[] {
  const g = encodeU32(f.global);
  const l = encodeU32(f.local);
  switch (f.counter) {
    case "global":
    case "scratch":
      return [GLOBAL_SET, ...g];
    case "cached":
      return [LOCAL_TEE, ...l, GLOBAL_SET, ...g];
    case "lazy":
    case "threaded":
      return check ? [LOCAL_TEE, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f)] : [LOCAL_SET, ...l]; // prettier-ignore
  }
}

/** Lazy shape: the counter local += n (n < 0 charges), unchecked (a paired loop's turns). */
export function adjustCounter(f: Fuel, n: bigint): number[] {
  const l = encodeU32(f.local);
  return [LOCAL_GET, ...l, I64_CONST, ...encodeS64(n), I64_ADD, LOCAL_SET, ...l];
}

/**
 * A paired loop's check, after its turn charged `turn` (loop-code.ts, pairedLoopCode): when
 * the counter went below 0, give the turn back and leave for the loop as it was (`br $slow`,
 * three labels out from inside the turn's block).
 */
export function pairedTurnCheck(f: Fuel, turn: bigint): number[] {
  const l = encodeU32(f.local);
  return [LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...IF_EMPTY, ...adjustCounter(f, turn), BR, 3, END]; // prettier-ignore
}

/**
 * The frames of a paired loop (loop-code.ts, pairedLoopCode) around its two copies A and B:
 * `block $slow  loop $turn  block $toB  <turn charge and check>` before A, `end` between A and
 * B, `end unreachable end` after B (the body never falls through its end). `loopHeader` is the
 * loop's own `loop` opcode and block type.
 */
export function pairedLoopFrames(f: Fuel, c: bigint, loopHeader: Uint8Array) {
  return {
    beforeA: [
      OP.block, EMPTY_BLOCK, ...loopHeader, OP.block, EMPTY_BLOCK,
      ...adjustCounter(f, -2n * c), ...pairedTurnCheck(f, 2n * c),
    ], // prettier-ignore
    betweenAB: [OP.end],
    afterB: [OP.end, OP.unreachable, OP.end],
  };
}

/**
 * The cold exit around a body whose checks branch out of it (body-rewrite.ts): `block $exit
 * (block $body (result …) BODY end return end unreachable)`; branches to the function's label
 * target $body, which returns (a threaded function returns its counter too); on exhaustion the
 * count is stored before the trap.
 */
export function coldExitFrames(
  f: Fuel | undefined,
  resultType: readonly number[],
  /** Before the return: the stack budget's restore (stack-budget.ts). */
  onExit: readonly number[] = [],
) {
  const onReturn = f ? beforeReturn(f) : [];
  const flush = f ? flushCounter(f) : [];
  return {
    open: [OP.block, EMPTY_BLOCK, OP.block, ...resultType],
    close: [OP.end, ...onExit, ...onReturn, OP.return, OP.end, ...flush, OP.unreachable],
  };
}
