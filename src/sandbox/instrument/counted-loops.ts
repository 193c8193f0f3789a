// Counted loops: the innermost loops whose trip count is known when they are entered, so the
// fuel pass can charge all their iterations at once instead of one charge per iteration.
//
// The shape is the one compilers emit for `for (i = i0; i < n; i += step)` as a do-while:
//
//   loop <no params>
//     …body: no call, no nested loop, no branch out of the loop, no return, no charged
//        bulk or grow operation, no other write to $i or $n…
//     local.get $i  i32.const step  i32.add  local.tee $i
//     (i32.const n | local.get $n)  (i32.ne | i32.lt_s | i32.lt_u)  br_if 0
//   end
//
// The trip count is computed from $i, step and n at entry (charge-code.ts, countedLoopEntry);
// where it cannot be proved (the induction variable would wrap) or the budget does not cover
// every iteration, the loop runs as before with a charge per iteration, so exhaustion comes at
// the same iteration. Nothing in such a loop can be observed from outside the function but a
// trap, so charging its iterations up front changes no count; a trap part-way is like any trap
// in a lazily counted function: the sandbox recounts the run.
import { Reader } from "./bytes";

export type LoopOperand = { const: number } | { local: number };

export interface CountedLoop {
  /** Byte offsets: the `loop` opcode, and just past the loop's `end`. */
  start: number;
  end: number;
  /** The loop's block type byte: 0x40 or one value type. */
  blockType: number;
  /** Region index of the loop's charge (fuel per iteration: the scan's counts[region]). */
  region: number;
  induction: number;
  step: LoopOperand;
  bound: LoopOperand;
  compare: "ne" | "lt_s" | "lt_u";
}

const VALUE_TYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);

interface OpenLoop {
  start: number;
  blockType: number;
  /** Index of the loop's frame in the scan's control stack. */
  frame: number;
  region: number;
  eligible: boolean;
  branchesToLoop: number;
  writes: Map<number, number>;
}

/** Follows the scan of one body (scan-body.ts) and finds its counted loops. */
export class CountedLoopFinder {
  readonly found: CountedLoop[] = [];
  private readonly open: OpenLoop[] = [];
  /** Start offsets of the last eight instructions scanned in a loop, a ring (see `last`). */
  private readonly recent = new Int32Array(8);
  private scanned = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Whether the scan is inside a loop (only then does the finder need to hear of anything). */
  get active(): boolean {
    return this.open.length > 0;
  }

  /** Before each instruction inside a loop. */
  instruction(at: number): void {
    this.recent[this.scanned++ & 7] = at;
  }

  /** Start offsets of the `n` (≤ 7) instructions before the last one, oldest first. */
  private last(n: number): number[] {
    const out: number[] = [];
    for (let k = n; k >= 1; k--) out.push(this.recent[(this.scanned - 1 - k) & 7]);
    return out;
  }

  loopStart(at: number, frame: number, region: number): void {
    const blockType = this.bytes[at + 1];
    for (const outer of this.open) outer.eligible = false; // innermost loops only
    this.open.push({
      start: at,
      blockType,
      frame,
      region,
      eligible: blockType === 0x40 || VALUE_TYPES.has(blockType),
      branchesToLoop: 0,
      writes: new Map(),
    });
  }

  /** Anything in the loop that rules it out: a call, a return, a charged bulk or grow op. */
  disqualify(): void {
    const loop = this.open[this.open.length - 1];
    if (loop) loop.eligible = false;
  }

  /** A branch at control depth `frames` to relative label `depth`. */
  branch(frames: number, depth: number): void {
    const loop = this.open[this.open.length - 1];
    if (!loop) return;
    const target = frames - 1 - depth;
    if (target < loop.frame) loop.eligible = false;
    else if (target === loop.frame) loop.branchesToLoop++;
  }

  localWrite(local: number): void {
    const loop = this.open[this.open.length - 1];
    if (loop) loop.writes.set(local, (loop.writes.get(local) ?? 0) + 1);
  }

  /** At the `end` of the innermost open loop; `end` is the offset just past it. */
  loopEnd(end: number): void {
    const loop = this.open.pop();
    if (!loop || !loop.eligible || loop.branchesToLoop !== 1) return;
    if (this.scanned < 8) return;
    const at = this.last(7); // the seven instructions before this `end`
    if (at[0] <= loop.start) return;
    const b = this.bytes;
    const read = (pos: number) => new Reader(b, pos + 1, end);
    const operand = (pos: number): LoopOperand | undefined =>
      b[pos] === 0x41
        ? { const: read(pos).s32() }
        : b[pos] === 0x20
          ? { local: read(pos).u32() }
          : undefined;
    if (b[at[0]] !== 0x20 || b[at[2]] !== 0x6a || b[at[3]] !== 0x22) return;
    if (b[at[6]] !== 0x0d || b[at[6] + 1] !== 0x00) return;
    const compare = ({ 0x47: "ne", 0x48: "lt_s", 0x49: "lt_u" } as const)[b[at[5]] as 0x47];
    const induction = read(at[0]).u32();
    const step = operand(at[1]);
    const bound = operand(at[4]);
    if (!compare || !step || !bound || read(at[3]).u32() !== induction) return;
    if ((loop.writes.get(induction) ?? 0) !== 1) return;
    for (const x of [step, bound]) {
      if ("local" in x && (x.local === induction || loop.writes.has(x.local))) return;
    }
    // A constant step keeps the entry cheap (V8 turns division by a constant into a multiply);
    // a step in a local would cost a real division at every entry of the loop, more than short
    // loops save (measured: sieve's inner loop, 1.04 → 1.07).
    if (!("const" in step) || step.const <= 0) return;
    const { start, blockType, region } = loop;
    this.found.push({ start, end, blockType, region, induction, step, bound, compare });
  }
}
