// The instruction sequences the passes insert, as raw bytes, and the cost constants of the fuel
// model. Every sequence is stack-neutral: it may peek at the operand on top of the stack (saved
// with local.tee) but leaves the stack exactly as it found it.
//
// NOTE: the constants below are part of the fuel model (src/sandbox/instrument/README.md, the contract): changing
// one changes fuelConsumed for the same program, so it needs a note in the design and the docs.
import { FLAG_COUNT_LAGS } from "./abi";
import { encodeS64, encodeU32 } from "../wasm/reader";
import type { CountedLoop } from "./counted-loops";

/** memory.fill / memory.copy / memory.init: 1 fuel per 8 bytes (floor), on top of the 1 for the op. */
export const BYTES_PER_FUEL_SHIFT = 3n;
/** memory.grow: fuel per 64 KiB page added, the price of filling that page (65536 / 8). */
export const FUEL_PER_PAGE_GROWN = 8192n;
/** table.fill / table.copy / table.init / table.grow: fuel per element. */
export const FUEL_PER_TABLE_ELEMENT = 1n;

const GLOBAL_GET = 0x23;
const LOCAL_SET = 0x21;
const GLOBAL_SET = 0x24;
const LOCAL_GET = 0x20;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I32_OR = 0x72;
const I32_AND = 0x71;
const I32_SUB = 0x6b;
const I32_ADD = 0x6a;
const I64_EQZ = 0x50;
const I64_NE = 0x52;
const I64_LE_S = 0x57;
const I64_GE_S = 0x59;
const I64_DIV_S = 0x7f;
const I64_DIV_U = 0x80;
const I64_REM_U = 0x82;
const I64_EXTEND_I32_S = 0xac;
const SELECT = 0x1b;
const IF = 0x04;
const I64_LT_S = 0x53;
const I64_ADD = 0x7c;
const I64_SUB = 0x7d;
const I64_MUL = 0x7e;
const I64_SHR_U = 0x88;
const I64_EXTEND_I32_U = 0xad;
const IF_EMPTY = [0x04, 0x40];
const END = 0x0b;
const UNREACHABLE = 0x00;
const BR_IF = 0x0d;
const BR = 0x0c;

/**
 * Where the counter lives. The global is always exact (the runner reads it after a trap). With
 * `local`, the function also keeps a copy in that i64 local: charges subtract from the local
 * and store it to the global, so the loop-carried dependency is a register rather than a
 * load-after-store through memory; the copy is reloaded after every call (the callee charged
 * the global). Functions with try/catch do not use the copy: a catch would see a stale local.
 */
export interface Fuel {
  global: number;
  /** An i64 local: a scratch copy (charges still read the global) or, if cached, the copy read. */
  local: number | undefined;
  cached: boolean;
  /**
   * Lazy shape (with `cached`): charges touch only the local; the global takes its value at
   * calls, returns and exhaustion (flushCounter, fuel-pass.ts), so after a trap the global holds
   * the count at the trapping function's last call or entry.
   */
  lazy?: boolean;
  /**
   * Threaded (with `lazy`): `local` is the function's extra parameter; it returns the counter
   * as its extra result and passes it to threaded callees (fuel-pass.ts).
   */
  threaded?: boolean;
  /**
   * Label depth of the function's cold exit block (fuel-pass.ts) from the charge's position:
   * the check is then one `br_if` to it instead of an inline `if unreachable end`.
   */
  trapDepth?: number;
}

/** Subtracts the i64 that `amount` pushes from the counter; traps at once if it went below 0. */
export function charge(f: Fuel, amount: readonly number[], fromGlobal = false): number[] {
  const g = encodeU32(f.global);
  if (f.local === undefined) {
    return [
      GLOBAL_GET, ...g, ...amount, I64_SUB, GLOBAL_SET, ...g,
      GLOBAL_GET, ...g, I64_CONST, 0, I64_LT_S, ...IF_EMPTY, UNREACHABLE, END,
    ]; // prettier-ignore
  }
  const l = encodeU32(f.local);
  if (f.lazy) {
    return [
      ...(fromGlobal ? [GLOBAL_GET, ...g] : [LOCAL_GET, ...l]), ...amount, I64_SUB,
      LOCAL_TEE, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f),
    ]; // prettier-ignore
  }
  return [
    ...(fromGlobal || !f.cached ? [GLOBAL_GET, ...g] : [LOCAL_GET, ...l]), ...amount, I64_SUB,
    LOCAL_TEE, ...l, GLOBAL_SET, ...g,
    LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f),
  ]; // prettier-ignore
}

/** Traps if the i32 on the stack is true: a br_if to the cold exit, or an inline trap. */
function trapIfTrue(f: Fuel): number[] {
  if (f.trapDepth !== undefined) return [BR_IF, ...encodeU32(f.trapDepth)];
  return [...IF_EMPTY, UNREACHABLE, END];
}

/**
 * Charge of a straight-line region of `n` instructions (at entry, this also loads the copy).
 * Without `check` (lazy only) the check waits for afterThreadedCall.
 */
export function staticCharge(f: Fuel, n: number, atEntry: boolean, check = true): number[] {
  if (n === 0) return atEntry ? reloadCounter(f) : [];
  if (!check && f.lazy && !atEntry) {
    const l = encodeU32(f.local as number);
    return [LOCAL_GET, ...l, I64_CONST, ...encodeS64(BigInt(n)), I64_SUB, LOCAL_SET, ...l];
  }
  return charge(f, [I64_CONST, ...encodeS64(BigInt(n))], atEntry);
}

/**
 * Entry charge of a function with a cached copy, deferred (fuel-pass.ts, scanBody): the copy
 * takes global - n; the global and the check wait for the first commit.
 */
export function deferredEntryCharge(f: Fuel, n: number): number[] {
  const l = encodeU32(f.local as number);
  return [GLOBAL_GET, ...encodeU32(f.global), I64_CONST, ...encodeS64(BigInt(n)), I64_SUB, LOCAL_SET, ...l]; // prettier-ignore
}

/** The deferred entry charge's store and check (idempotent once the copy and global agree). */
export function commitCharge(f: Fuel): number[] {
  const l = encodeU32(f.local as number);
  if (f.lazy) return [LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f)];
  return [LOCAL_GET, ...l, GLOBAL_SET, ...encodeU32(f.global), LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f)]; // prettier-ignore
}

/** Lazy shape, before a call or a return: the global takes the local's value. */
export function flushCounter(f: Fuel): number[] {
  if (!f.lazy) return [];
  return [LOCAL_GET, ...encodeU32(f.local as number), GLOBAL_SET, ...encodeU32(f.global)];
}

/** After a call: the local copy takes the global's value again. */
export function reloadCounter(f: Fuel): number[] {
  if (f.local === undefined || !f.cached) return [];
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
  if (f.threaded) return [LOCAL_GET, ...encodeU32(f.local as number)];
  return flushCounter(f);
}

/**
 * Before a call to a function that is not threaded. A threaded function may have been entered
 * with the counter already below 0 (a caller's check waits for the return, afterThreadedCall),
 * so it checks before anything outside it can see the count: a host call acts only on a count
 * the exact shape would also have reached.
 */
export function beforeCall(f: Fuel): number[] {
  if (!f.threaded) return flushCounter(f);
  const l = encodeU32(f.local as number);
  return [
    LOCAL_GET, ...l, GLOBAL_SET, ...encodeU32(f.global),
    LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f),
  ]; // prettier-ignore
}

/** Before a call to a threaded function: its extra argument, the counter. */
export function beforeThreadedCall(f: Fuel): number[] {
  if (f.local !== undefined && f.cached) return [LOCAL_GET, ...encodeU32(f.local)];
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
  if (f.local === undefined) return [GLOBAL_SET, ...g];
  const l = encodeU32(f.local);
  if (f.lazy && check) return [LOCAL_TEE, ...l, I64_CONST, 0, I64_LT_S, ...trapIfTrue(f)];
  if (f.lazy) return [LOCAL_SET, ...l];
  if (f.cached) return [LOCAL_TEE, ...l, GLOBAL_SET, ...g];
  return [GLOBAL_SET, ...g];
}

/** Lazy shape: the counter local += n (n < 0 charges), unchecked (a paired loop's turns). */
export function adjustCounter(f: Fuel, n: bigint): number[] {
  const l = encodeU32(f.local as number);
  return [LOCAL_GET, ...l, I64_CONST, ...encodeS64(n), I64_ADD, LOCAL_SET, ...l];
}

/**
 * A paired loop's check, after its turn charged `turn` (fuel-pass.ts, pairedLoopCode): when
 * the counter went below 0, give the turn back and leave for the loop as it was (`br $slow`,
 * three labels out from inside the turn's block).
 */
export function pairedTurnCheck(f: Fuel, turn: bigint): number[] {
  const l = encodeU32(f.local as number);
  return [LOCAL_GET, ...l, I64_CONST, 0, I64_LT_S, ...IF_EMPTY, ...adjustCounter(f, turn), BR, 3, END]; // prettier-ignore
}

/** The i32 operand on top of the stack, saved in `tmp`, widened to i64 and scaled. */
export function operandAmount(tmp: number, shift: bigint, factor: bigint): number[] {
  const out = [LOCAL_GET, ...encodeU32(tmp), I64_EXTEND_I32_U];
  if (shift > 0n) out.push(I64_CONST, ...encodeS64(shift), I64_SHR_U);
  if (factor !== 1n) out.push(I64_CONST, ...encodeS64(factor), I64_MUL);
  return out;
}

/** Before memory.fill/copy/init (length on top of the stack): charge length / 8. */
export function memoryBulkCharge(fuel: Fuel, tmp: number): number[] {
  return [
    LOCAL_TEE,
    ...encodeU32(tmp),
    ...charge(fuel, operandAmount(tmp, BYTES_PER_FUEL_SHIFT, 1n)),
  ];
}

/** Before table.fill/copy/init (count on top of the stack): charge count elements. */
export function tableBulkCharge(fuel: Fuel, tmp: number): number[] {
  return [
    LOCAL_TEE,
    ...encodeU32(tmp),
    ...charge(fuel, operandAmount(tmp, 0n, FUEL_PER_TABLE_ELEMENT)),
  ];
}

/** Two i64 scratch locals for a counted loop's entry. */
export interface LoopTemps {
  a: number;
  t: number;
}

/**
 * Before a counted loop (counted-loops.ts) in a lazily counted function: computes how many
 * times its header runs, E (0 when that cannot be proved: the induction variable would wrap),
 * and opens `if (E > 0 && counter >= perIteration × E)` with the counter charged for all of
 * them. The caller puts the loop without its charge in that arm and the loop as it was (a
 * charge per iteration) in the else arm.
 *
 * With a = the first value tested (i + step when tested after the body, else i), the tests that
 * pass before the first that fails number P, and E = P + 1:
 *   lt:  P = a < n ? ceil((n - a) / step) : 0     le:  P = a <= n ? (n - a) / step + 1 : 0
 *        proved when a + P·step (the value that fails) does not pass the type's maximum;
 *   ne:  P = d / step with d = (n - a) mod 2^32, proved when step divides d.
 */
export function countedLoopEntry(
  f: Fuel,
  loop: CountedLoop,
  perIteration: number,
  temps: LoopTemps,
): number[] {
  const c = encodeU32(f.local as number);
  const [a, t] = [temps.a, temps.t].map(encodeU32);
  const step = BigInt(loop.step);
  const k = (v: bigint) => [I64_CONST, ...encodeS64(v)];
  let headers: number[];
  if (loop.compare === "ne") {
    const n32 =
      "const" in loop.bound
        ? [I32_CONST, ...encodeS64(BigInt(loop.bound.const))]
        : [LOCAL_GET, ...encodeU32(loop.bound.local)];
    const first = [LOCAL_GET, ...encodeU32(loop.induction)];
    if (loop.testedAfter) first.push(I32_CONST, ...encodeS64(step), I32_ADD);
    headers = [
      ...n32, ...first, I32_SUB, I64_EXTEND_I32_U, LOCAL_SET, ...a,
      LOCAL_GET, ...a, ...k(step), I64_DIV_U, ...k(1n), I64_ADD, // E = d / step + 1
      ...k(0n),
      LOCAL_GET, ...a, ...k(step), I64_REM_U, I64_EQZ,
      SELECT,
    ]; // prettier-ignore
  } else {
    const signed = loop.compare.endsWith("_s");
    const extend = signed ? I64_EXTEND_I32_S : I64_EXTEND_I32_U;
    const n =
      "const" in loop.bound
        ? k(signed ? BigInt(loop.bound.const) : BigInt(loop.bound.const >>> 0))
        : [LOCAL_GET, ...encodeU32(loop.bound.local), extend];
    const max = k(signed ? 0x7fff_ffffn : 0xffff_ffffn);
    const le = loop.compare.startsWith("le");
    const first = [LOCAL_GET, ...encodeU32(loop.induction), extend];
    if (loop.testedAfter) first.push(...k(step), I64_ADD);
    // P when a passes: le (n - a) / step + 1, lt (n - a + step - 1) / step
    const passes = le
      ? [...n, LOCAL_GET, ...a, I64_SUB, ...k(step), I64_DIV_S, ...k(1n), I64_ADD]
      : [...n, LOCAL_GET, ...a, I64_SUB, ...k(step - 1n), I64_ADD, ...k(step), I64_DIV_S];
    headers = [
      ...first, LOCAL_SET, ...a,
      ...passes, ...k(0n), LOCAL_GET, ...a, ...n, le ? I64_LE_S : I64_LT_S, SELECT,
      LOCAL_TEE, ...t, // P
      ...k(1n), I64_ADD, // E
      ...k(0n),
      LOCAL_GET, ...a, LOCAL_GET, ...t, ...k(step), I64_MUL, I64_ADD, ...max, I64_LE_S,
      SELECT,
    ]; // prettier-ignore
  }
  const amount = [LOCAL_GET, ...t, ...k(BigInt(perIteration)), I64_MUL];
  return [
    ...headers, LOCAL_SET, ...t,
    LOCAL_GET, ...t, ...k(0n), I64_NE, LOCAL_GET, ...c, ...amount, I64_GE_S, I32_AND,
    IF, loop.blockType,
    LOCAL_GET, ...c, ...amount, I64_SUB, LOCAL_SET, ...c,
  ]; // prettier-ignore
}
