// The deterministic stack budget (README.md, "The stack budget"): every metered function that
// calls anything takes its frame's weight from a global at entry and gives it back on every way
// out, so a deep recursion ends at the same depth on every engine, tier and thread stack size,
// before V8's own stack ends (where that is depends on the thread's stack size and on which tier
// compiled each frame, so the fuel spent before a native overflow differed between Node and
// Chromium).
//
// Per body, after the entry charge: `global.get $left; local.tee $saved; i32.const W;
// i32.lt_s; if <store the fuel copy> <flag> unreachable end; $left = $saved - W`; and
// `$left = $saved` before every return and return_call*, at the end of the body (all branches
// to the function's label reach it through a wrapping block) and at every exception landing
// (the frames an exception unwound never gave their weight back).
import { FLAG_STACK_BUDGET } from "./abi";
import { Reader, encodeS64, encodeU32 } from "../wasm/reader";
import { newInstr, tryTableCatchLabels } from "../wasm/decode";
import { skipValType } from "../wasm/types";
import { skipInstruction } from "./opcodes";
import { EMPTY_BLOCK, OP } from "./emit-ops";

/**
 * A frame's estimated bytes: a fixed part (V8's frame header, the return address, the spill
 * room of a few values and the locals the passes add) plus 8 per parameter and local, 16 per
 * v128 one. Measured in Node 20 (V8 12): a Liftoff frame is ~56 bytes plus 8 per i64 local or
 * parameter and 16 per v128 local; TurboFan frames are smaller (README.md). The estimate is
 * above Liftoff's, so the budget ends before the native stack when the budget is below it.
 * NOTE: part of the cost model: changing these moves where a deep recursion ends.
 */
export const FRAME_FIXED_BYTES = 96;
const SLOT_BYTES = 8;
const V128_SLOT_BYTES = 16;
/** A leaf (a function that calls nothing) this light is not budgeted: the margin covers one. */
export const LEAF_ALLOWANCE_BYTES = 1024;

const V128 = 0x7b;

/** What the pass needs beyond the body: where the budget lives and each function's type. */
export interface StackBudgetOptions {
  /** The i32 global holding the bytes left; starts at the budget. */
  global: number;
  flagGlobal: number;
  /** The function's type index and encoded parameter types (function index space). */
  signature: (func: number) => { typeIndex: number; params: Uint8Array };
}

/** One body's budget: its weight and where its weight is given back. */
export interface BodyBudget {
  weight: number;
  /** Before these instructions (return, return_call*): give the weight back. */
  exits: number[];
  /** At these offsets (right after a catch clause, or at a try_table catch's target): restore. */
  landings: number[];
}

/** Frame bytes of `count` value types read from `r`, each repeated as `repeat` reads. */
function slotBytes(r: Reader, count: number, repeat: (r: Reader) => number): number {
  let total = 0;
  for (let i = 0; i < count; i++) {
    const n = repeat(r);
    const isV128 = r.peek() === V128;
    skipValType(r);
    total += n * (isV128 ? V128_SLOT_BYTES : SLOT_BYTES);
  }
  return total;
}

/**
 * A body's frame weight: FRAME_FIXED_BYTES, its parameters (`params`, encoded value types) and
 * its `groups` local declarations starting at `groupsStart`. Of the body as written: the locals
 * the passes add are in the fixed part, so every counter shape weighs the same.
 */
export function frameWeight(
  params: Uint8Array,
  bytes: Uint8Array,
  groupsStart: number,
  groups: number,
): number {
  const p = new Reader(params, 0, params.length);
  let weight = FRAME_FIXED_BYTES;
  while (!p.done) weight += slotBytes(p, 1, () => 1);
  return weight + slotBytes(new Reader(bytes, groupsStart), groups, (r) => r.u32());
}

/**
 * Scans a body (from its first instruction to its end) for the budget: the exits and landings,
 * and whether it calls anything. Undefined: the body is a light leaf and needs no budget.
 */
export function planBudget(
  bytes: Uint8Array,
  codeStart: number,
  end: number,
  weight: number,
): BodyBudget | undefined {
  const r = new Reader(bytes, codeStart, end);
  const ins = newInstr();
  const exits: number[] = [];
  const landings: number[] = [];
  let calls = false;
  // Open frames: where a loop's body starts (-1 for other frames), and whether a try_table
  // catch lands after the frame's end (or at the loop's start).
  const loopStart: number[] = [];
  const caught: boolean[] = [];
  while (r.pos < end) {
    const at = r.pos;
    const kind = skipInstruction(r, ins);
    const op = bytes[at];
    if (op === 0x10 || op === 0x11 || op === 0x14) calls = true;
    if (op === 0x0f || op === 0x12 || op === 0x13 || op === 0x15) {
      exits.push(at);
      if (op !== 0x0f) calls = true;
    }
    if (op === 0x1f) {
      tryTableCatchLabels(bytes, ins, (label) => {
        const frame = loopStart.length - 1 - label;
        if (frame >= 0) caught[frame] = true; // else the function's label: the end restores
      });
    }
    if (op === 0x07 || op === 0x19) landings.push(r.pos); // catch, catch_all
    if (kind === "block" || kind === "if" || kind === "try" || kind === "loop") {
      loopStart.push(kind === "loop" ? r.pos : -1);
      caught.push(false);
    } else if ((kind === "end" || kind === "delegate") && loopStart.length > 0) {
      const start = loopStart.pop() as number;
      if (caught.pop()) landings.push(start >= 0 ? start : r.pos);
    }
  }
  if (!calls && weight <= LEAF_ALLOWANCE_BYTES) return undefined;
  landings.sort((a, b) => a - b);
  return { weight, exits, landings };
}

/**
 * The entry check, after the entry charge: keep the bytes left in `saved`; when the frame does
 * not fit, store the fuel copy (`fuelCopy`: the local a counter shape keeps it in) so the count
 * is exact, raise the flag and trap; else take the frame's weight.
 */
export function stackEntry(
  s: StackBudgetOptions,
  weight: number,
  saved: number,
  fuelCopy: { local: number; global: number } | undefined,
): number[] {
  const g = encodeU32(s.global);
  const l = encodeU32(saved);
  const w = encodeS64(BigInt(weight));
  return [
    OP.globalGet, ...g, OP.localTee, ...l, OP.i32Const, ...w, OP.i32LtS, ...trapIfTrue(s, fuelCopy),
    OP.localGet, ...l, OP.i32Const, ...w, OP.i32Sub, OP.globalSet, ...g,
  ]; // prettier-ignore
}

/** On a true condition: store the fuel copy so the count is exact, raise the flag and trap. */
function trapIfTrue(
  s: StackBudgetOptions,
  fuelCopy: { local: number; global: number } | undefined,
): number[] {
  const f = encodeU32(s.flagGlobal);
  const store = fuelCopy
    ? [OP.localGet, ...encodeU32(fuelCopy.local), OP.globalSet, ...encodeU32(fuelCopy.global)]
    : [];
  return [
    OP.if, EMPTY_BLOCK, ...store,
    OP.globalGet, ...f, OP.i32Const, FLAG_STACK_BUDGET, OP.i32Or, OP.globalSet, ...f,
    OP.unreachable, OP.end,
  ]; // prettier-ignore
}

/** Gives the frame's weight back: the budget as it was at entry. */
export function stackRestore(s: StackBudgetOptions, saved: number): number[] {
  return [OP.localGet, ...encodeU32(saved), OP.globalSet, ...encodeU32(s.global)];
}

/**
 * The block around a body without the cold exit (which has its own, coldExitFrames), so every
 * branch to the function's label reaches the restore after it: the function's results as the
 * block type, or, where no block type says them (multi-value results of a function with
 * parameters), the function's own type, its parameters passed in and stored back.
 */
export function budgetFrames(
  resultType: readonly number[] | undefined,
  typeIndex: number,
  params: number,
  restore: readonly number[],
): { open: number[]; close: number[] } {
  const close = [OP.end, ...restore];
  if (resultType) return { open: [OP.block, ...resultType], close };
  const open: number[] = [];
  for (let i = 0; i < params; i++) open.push(OP.localGet, ...encodeU32(i));
  open.push(OP.block, ...encodeS64(BigInt(typeIndex)));
  for (let i = params - 1; i >= 0; i--) open.push(OP.localSet, ...encodeU32(i));
  return { open, close };
}

/**
 * The body's inserts (offsets `ats`, code `codes`, in order) with the budget's restores merged
 * in; at an offset both have, the restore goes first (before a counted or paired loop's frames).
 */
export function mergeRestores(
  ats: readonly number[],
  codes: readonly number[][],
  budget: BodyBudget,
  restore: number[],
): { ats: number[]; codes: number[][] } {
  const mine = [...budget.exits, ...budget.landings].sort((a, b) => a - b);
  const out = { ats: [] as number[], codes: [] as number[][] };
  let j = 0;
  for (let i = 0; i < ats.length; i++) {
    // (The entry insert, index 0, stays first: the exits and landings come after it.)
    while (i > 0 && j < mine.length && mine[j] <= ats[i]) {
      out.ats.push(mine[j++]);
      out.codes.push(restore);
    }
    out.ats.push(ats[i]);
    out.codes.push(codes[i]);
  }
  for (; j < mine.length; j++) {
    out.ats.push(mine[j]);
    out.codes.push(restore);
  }
  return out;
}

/**
 * A threaded function's budget (threading.ts): the bytes left arrive as its parameter `param`
 * (its caller's, after the caller's own weight was taken), so its entry check takes the weight
 * from the parameter, and no exit gives it back: its caller keeps its own. The same check as
 * stackEntry's: it traps when the frame does not fit, at the same depth.
 */
export function threadedStackEntry(
  s: StackBudgetOptions,
  weight: number,
  param: number,
  fuelCopy: { local: number; global: number } | undefined,
): number[] {
  const p = encodeU32(param);
  return [
    OP.localGet, ...p, OP.i32Const, ...encodeS64(BigInt(weight)), OP.i32Sub, OP.localTee, ...p,
    OP.i32Const, 0, OP.i32LtS, ...trapIfTrue(s, fuelCopy),
  ]; // prettier-ignore
}

/** Where a body keeps its budget: a threaded function's parameter, else a local saved at entry. */
export type BudgetAt =
  | { kind: "param"; s: StackBudgetOptions; param: number }
  | { kind: "global"; s: StackBudgetOptions; saved: number; weight: number };

/**
 * Around a call (`threadedCallee`: to a threaded function). The global holds the bytes left
 * for every function that is not threaded: a threaded caller writes its parameter there before
 * such a call, and passes the parameter to a threaded callee; another caller passes the
 * global, and sets it back after the call (a threaded callee may have written it lower).
 */
export function budgetBeforeCall(at: BudgetAt, threadedCallee: boolean): number[] {
  const g = encodeU32(at.s.global);
  if (at.kind === "param") {
    const p = encodeU32(at.param);
    return threadedCallee ? [OP.localGet, ...p] : [OP.localGet, ...p, OP.globalSet, ...g];
  }
  return threadedCallee ? [OP.globalGet, ...g] : [];
}

export function budgetAfterCall(at: BudgetAt, threadedCallee: boolean): number[] {
  if (at.kind === "param" || !threadedCallee) return [];
  return [
    OP.localGet, ...encodeU32(at.saved), OP.i32Const, ...encodeS64(BigInt(at.weight)), OP.i32Sub,
    OP.globalSet, ...encodeU32(at.s.global),
  ]; // prettier-ignore
}
