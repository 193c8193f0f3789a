// Where the deferred entry charge commits: a listener of the body scan (scan-body.ts), like
// counted-loops.ts. The code is charge-code.ts's deferredEntryCharge and commitCharge.
//
// In a function that keeps the counter in a local, the entry charge only subtracts into the
// local, and the global store and the check ("commit") are placed before the first instruction
// on each path that could be observed: one that may trap, has a side effect, calls or leaves the
// function. A loop header's charge commits by itself, so the common path "entry, a few pure
// instructions, loop" pays one check instead of two. Nothing observable happens before the
// commit, so fuel counts, traps and the point of exhaustion are the same as charging at entry.
// A commit is idempotent (the local and the global agree after the first), so paths that merge
// with one committed and one not simply commit again.
import { brTableTargets, type Instr } from "../wasm/decode";
import type { InstrKind } from "./opcodes";

/**
 * Whether the instruction at `at` is pure: it cannot trap, has no effect outside the function's
 * locals and stack, and does not leave the function. Control instructions are handled apart.
 */
export function pureAt(bytes: Uint8Array, at: number): boolean {
  const op = bytes[at];
  if (op === 0x01 || op === 0x1a || op === 0x1b || op === 0x1c) return true; // nop drop select
  if (op >= 0x20 && op <= 0x23) return true; // local.get/set/tee, global.get
  if (op === 0x3f) return true; // memory.size
  if (op >= 0x41 && op <= 0xc4) {
    // consts, compares, arithmetic, conversions; not the ones that trap
    if (op >= 0x6d && op <= 0x70) return false; // i32.div/rem
    if (op >= 0x7f && op <= 0x82) return false; // i64.div/rem
    if (op >= 0xa8 && op <= 0xab) return false; // i32.trunc_f*
    if (op >= 0xae && op <= 0xb1) return false; // i64.trunc_f*
    return true;
  }
  return op === 0xd0 || op === 0xd1 || op === 0xd2; // ref.null, ref.is_null, ref.func
}

/** What one control frame keeps of the pending state (in the scan's frame stack). */
export interface EntryFrame {
  loop: boolean;
  isIf: boolean;
  /** Maybe pending where an `if` was entered (the state its else arm starts with). */
  atEntry: boolean;
  hasElse: boolean;
  /** Maybe pending on some branch to this frame's end. */
  atEnd: boolean;
}

/** The open frames, innermost last, as this listener sees them. */
type Frames = readonly { entry: EntryFrame }[];

export class DeferredEntry {
  /** The entry charge may still be uncommitted on the path reaching the current instruction. */
  private pending: boolean;

  /** `meter`: the body is metered at all (else nothing is ever pending). */
  constructor(
    private readonly bytes: Uint8Array,
    meter: boolean,
  ) {
    this.pending = meter;
  }

  /** Before the instruction at `at`: whether a commit goes there (nothing is pending after). */
  commitBefore(at: number, kind: InstrKind, ins: Instr, frames: Frames): boolean {
    if (!this.pending || this.unobservable(at, kind, ins, frames.length)) return false;
    this.pending = false;
    return true;
  }

  /** Whether the instruction cannot be observed, so the commit may wait past it. */
  private unobservable(at: number, kind: InstrKind, ins: Instr, open: number): boolean {
    const op = this.bytes[at];
    if (op === 0x0c || op === 0x0d) return ins.a < open; // br, br_if: not a return
    if (op === 0x0e) {
      let inside = true;
      brTableTargets(this.bytes, ins, (depth) => {
        if (depth >= open) inside = false;
      });
      return inside;
    }
    if (kind === "block" || kind === "if" || kind === "loop") return true;
    if (kind === "middle") return op === 0x05; // else; catch clauses commit (no cache there)
    if (kind === "end") return open > 0;
    return kind === "plain" && pureAt(this.bytes, at);
  }

  /** A block, if, try or loop opens: the state its frame keeps. */
  opened(kind: InstrKind): EntryFrame {
    const frame = {
      loop: kind === "loop",
      isIf: kind === "if",
      atEntry: this.pending,
      hasElse: false,
      atEnd: false,
    };
    if (kind === "loop") this.pending = false; // the header's charge commits
    return frame;
  }

  /** An else or catch in the innermost frame. */
  middle(f: EntryFrame): void {
    f.atEnd ||= this.pending;
    f.hasElse = true;
    this.pending = f.atEntry;
  }

  /** The innermost frame ends (end or delegate). */
  closed(f: EntryFrame): void {
    this.pending = this.pending || f.atEnd || (f.isIf && !f.hasElse && f.atEntry);
  }

  /** br (op 0x0c), br_if (0x0d) or br_table (0x0e): only branches to blocks and ifs carry it. */
  branch(op: number, ins: Instr, frames: Frames): void {
    const to = (depth: number) => {
      if (depth >= frames.length) return; // a return
      const f = frames[frames.length - 1 - depth].entry;
      if (!f.loop) f.atEnd ||= this.pending;
    };
    if (op === 0x0e) brTableTargets(this.bytes, ins, to);
    else to(ins.a);
    if (op !== 0x0d) this.pending = false;
  }
}
