// The code of the two loop shapes that are more than a charge (loop-shape.ts decides which loop
// gets which): a counted loop charged once at entry for all its iterations, and a paired loop
// that checks once per two iterations. Their charges come from charge-code.ts.
import { Reader, Writer, encodeS64, encodeU32 } from "../wasm/reader";
import { newInstr } from "../wasm/decode";
import { skipInstruction } from "./opcodes";
import { FLUSH_RETURN, FLUSH_TRAP, type LoopEdges, type Scan } from "./scan-result";
import { copyBody, writeBody, type LocalShift } from "./local-shift";
import type { CountedLoop } from "./counted-loops";
import {
  adjustCounter,
  beforeReturn,
  flushCounter,
  markCountLags,
  pairedLoopFrames,
  type Fuel,
} from "./charge-code";
import { OP } from "./emit-ops";

const {
  localGet: LOCAL_GET, localSet: LOCAL_SET, localTee: LOCAL_TEE, i32Const: I32_CONST,
  i64Const: I64_CONST, i32Sub: I32_SUB, i32Add: I32_ADD, i32And: I32_AND, i64Eqz: I64_EQZ,
  i64Ne: I64_NE, i64LeS: I64_LE_S, i64LtS: I64_LT_S, i64GeS: I64_GE_S, i64Add: I64_ADD,
  i64Sub: I64_SUB, i64Mul: I64_MUL, i64DivS: I64_DIV_S, i64DivU: I64_DIV_U, i64RemU: I64_REM_U,
  i64ExtendI32S: I64_EXTEND_I32_S, i64ExtendI32U: I64_EXTEND_I32_U, select: SELECT, if: IF,
} = OP; // prettier-ignore

/** Two i64 scratch locals for a counted loop's entry. */
interface LoopTemps {
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
function countedLoopEntry(
  f: Fuel,
  loop: CountedLoop,
  perIteration: number,
  temps: LoopTemps,
): number[] {
  const c = encodeU32(f.local);
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

/** A counted loop's entry, the loop without its charge, and `else` (the loop as it was follows). */
export function countedLoopCode(
  loop: CountedLoop,
  scan: Scan,
  fuel: Fuel,
  temps: number,
  bytes: Uint8Array,
  shift: LocalShift | undefined,
  flagGlobal: number,
): number[] {
  const local = (index: number) => (shift ? shift.index(index) : index);
  const moved: CountedLoop = {
    ...loop,
    induction: local(loop.induction),
    bound: "local" in loop.bound ? { local: local(loop.bound.local) } : loop.bound,
  };
  const entry = countedLoopEntry(fuel, moved, scan.counts[loop.region], { a: temps, t: temps + 1 });
  // Its `unreachable`s raise the flag that the count lags (the copy has no exact count).
  const body = new Writer(loop.end - loop.start + 16);
  const traps = scan.inserts
    .filter((ins) => ins.at >= loop.start && ins.at < loop.end)
    .filter((ins) => ins.what === "flush" && ins.index === FLUSH_TRAP);
  const lags = markCountLags(flagGlobal);
  writeBody(
    bytes,
    shift,
    loop.start,
    loop.end,
    (i) => traps[i]?.at,
    traps.map(() => lags),
    body,
  );
  return [...entry, ...body.result(), OP.else];
}

/** Each instruction of a loop's body, with the control frames open inside the body at it. */
export function* bodyInstructions(bytes: Uint8Array, loop: LoopEdges) {
  const r = new Reader(bytes, loop.bodyStart, loop.end);
  const ins = newInstr();
  let depth = 0;
  while (r.pos < loop.end) {
    const at = r.pos;
    const kind = skipInstruction(r, ins);
    yield { at, next: r.pos, op: bytes[at], depth };
    if (kind === "block" || kind === "if" || kind === "loop" || kind === "try") depth++;
    else if (kind === "end" || kind === "delegate") depth--;
  }
}

/**
 * A paired loop: each turn runs the body twice, A then B, and charges and checks once, for
 * both; near exhaustion the loop as it was (C, charged on its edges) takes over.
 *
 *     block $slow
 *       loop $turn                       ;; from the entry or B's `br`s back
 *         block $toB
 *           counter -= 2c                ;; the only charge and check of a turn
 *           if (counter < 0) { counter += 2c; br $slow }
 *           A                            ;; the body; its `br`s back go to $toB's end
 *         end
 *         B                              ;; the body; its `br`s back to $turn
 *       end
 *       unreachable                      ;; (the body never falls through its end)
 *     end
 *     C                                  ;; the loop as it was, charged on its edges
 *
 * In A the counter holds B's charge too, so every way out of A gives c back first: a
 * `return`, a branch out (a br_if takes it again when it falls through), and the store before
 * an `unreachable`. Counts are then exact wherever they can be seen, and a trap anywhere in
 * the function is recounted anyway (lazy). The check comes early only: a turn starts when the
 * counter covers both iterations, which nothing else in the body spends; otherwise C runs the
 * next iteration, checked, and runs out exactly where the exact shape does.
 *
 * Shape matters to V8 (interp kernel, Chromium): any code on A's way to B, even a subtract,
 * and any second way into B cost 10–20 %; this shape measures 1.06 against 1.13 for the loop
 * charged on its edges. Written before the loop opcode (C's entry charge follows it).
 */
export function pairedLoopCode(
  loop: LoopEdges,
  scan: Scan,
  fuel: Fuel,
  bytes: Uint8Array,
  shift: LocalShift | undefined,
): number[] {
  const c = BigInt(scan.counts[loop.region]);
  const add = (n: bigint) => adjustCounter(fuel, n);
  const flushes = new Map<number, number>();
  for (const ins of scan.inserts) {
    if (ins.at > loop.bodyStart && ins.at < loop.end && ins.what === "flush") {
      flushes.set(ins.at, ins.index);
    }
  }
  const out = new Writer(2 * (loop.end - loop.at) + 64);
  // One copy of the body: branches out of it go `outer` frames further; in A, every way out
  // gives back B's charge first.
  const body = (outer: number, inA: boolean) => {
    for (const { at, next, op, depth } of bodyInstructions(bytes, loop)) {
      const label = (target: number) => (target <= depth ? target : target + outer);
      const flush = flushes.get(at);
      if (inA && (flush !== undefined || op === OP.return)) out.push(add(c));
      if (flush !== undefined) out.push(flush === FLUSH_RETURN ? beforeReturn(fuel) : flushCounter(fuel)); // prettier-ignore
      if (op === OP.br || op === OP.brIf) {
        const target = new Reader(bytes, at + 1, loop.end).u32();
        const leaves = inA && target > depth;
        if (leaves) out.push(add(c));
        out.push([op, ...encodeU32(label(target))]);
        if (leaves && op === OP.brIf) out.push(add(-c)); // fell through: still in A
      } else if (op === OP.brTable) {
        const t = new Reader(bytes, at + 1, loop.end);
        const n = t.u32();
        out.push([op, ...encodeU32(n)]); // its targets are all inside the body (pairable)
        for (let i = 0; i <= n; i++) out.push(encodeU32(label(t.u32())));
      } else {
        copyBody(bytes, shift, at, next, out);
      }
    }
  };
  const frames = pairedLoopFrames(fuel, c, bytes.subarray(loop.at, loop.bodyStart));
  out.push(frames.beforeA);
  body(2, true); // in $toB and $slow: A's `br`s back land on $toB's end, B
  out.push(frames.betweenAB);
  body(1, false); // in $slow
  out.push(frames.afterB);
  return [...out.result()];
}
