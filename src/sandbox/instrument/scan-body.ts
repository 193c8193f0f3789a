// The analysis of one function body for the fuel pass: one walk over its instructions with one
// stack of control frames, reporting each region's count (the entry and every loop), where
// charge code goes (inserts) and the facts the plan needs (scan-result.ts). Two listeners hear
// every instruction: counted-loops.ts (loops whose trip count is known at entry) and
// deferred-entry.ts (where the entry charge commits). body-rewrite.ts plans and writes the
// body once every body is scanned (a caller may pay a callee's entry charge).
import { MalformedError, type Reader } from "../wasm/reader";
import { brTableTargets, newInstr, type Instr } from "../wasm/decode";
import { CountedLoopFinder } from "./counted-loops";
import { DeferredEntry, pureAt, type EntryFrame } from "./deferred-entry";
import { skipInstruction, type InstrKind } from "./opcodes";
import { GC_ALLOCATIONS } from "./gc-cap";
import {
  FLUSH_INDIRECT,
  FLUSH_RETURN,
  FLUSH_TRAP,
  type Insert,
  type LoopEdges,
  type Scan,
  type ScanContext,
} from "./scan-result";

/** One open control frame (block, if, try or loop). */
interface Frame {
  /** The region the frame is in: the current region again at its end. */
  outer: number;
  /** A loop's own region and edges; undefined for other frames. */
  loop: LoopEdges | undefined;
  /** A loop calls (then its enclosing loop calls too when it closes). */
  calls: boolean;
  /** The deferred entry charge's state (deferred-entry.ts). */
  entry: EntryFrame;
}

/**
 * Whether a bulk operation's count (0xFC sub-opcode `sub`, immediates a, b) is an i64: fill's
 * when its memory or table is 64-bit, copy's when both are; init's never (segments are 32-bit).
 */
function wideOperand(sub: number, a: number, b: number, cx: ScanContext): boolean {
  switch (sub) {
    case 11:
      return cx.memory64(a); // memory.fill
    case 10:
      return cx.memory64(a) && cx.memory64(b); // memory.copy
    case 17:
      return cx.table64(a); // table.fill
    case 14:
      return cx.table64(a) && cx.table64(b); // table.copy
    default:
      return false; // memory.init, table.init, GC arrays
  }
}

function emptyScan(): Scan {
  return {
    counts: [0],
    inserts: [],
    hasLoop: false,
    callFreeLoop: false,
    hasTry: false,
    usesExceptions: false,
    needTmp: false,
    merged: [],
    countedLoops: [],
    tailCalls: false,
    tailCallees: [],
    localRefs: [],
    loops: [],
    exoticBranches: false,
    needTmp64: false,
    gcAllocations: 0,
  };
}

/** Scans the instructions of one body (r at its first instruction, `end` past its `end`). */
export function scanBody(bytes: Uint8Array, r: Reader, end: number, cx: ScanContext): Scan {
  return new BodyScanner(bytes, cx, r.pos).run(r, end);
}

class BodyScanner {
  private readonly scan = emptyScan();
  private readonly frames: Frame[] = [];
  /** Every loop, in the order of their regions. */
  private readonly frameLoops: LoopEdges[] = [];
  /** The region insert of each region (a deferred check clears its check). */
  private readonly regionInserts: Insert[] = [];
  private readonly counted: CountedLoopFinder;
  private readonly entry: DeferredEntry;
  private readonly ins: Instr = newInstr();
  /** The current region (0: the entry; a loop's region inside it). */
  private cur = 0;
  /** Only pure, non-branching instructions since the start of the current region. */
  private straight = true;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly cx: ScanContext,
    codeStart: number,
  ) {
    this.counted = new CountedLoopFinder(bytes);
    this.entry = new DeferredEntry(bytes, cx.meter);
    this.addRegion(codeStart, 0);
  }

  run(r: Reader, end: number): Scan {
    const { bytes, ins, scan, frames } = this;
    let closed = false;
    while (r.pos < end) {
      if (closed) throw new MalformedError(`code after the end of a function at byte ${r.pos}`);
      const at = r.pos;
      const kind = skipInstruction(r, ins);
      const op = bytes[at];
      const depth = frames.length;
      this.counted.follow(at, kind, ins, depth);
      if (this.entry.commitBefore(at, kind, ins, frames)) this.insert(at, "commit", 0);
      const wasStraight = this.straight;
      if (!(kind === "plain" && pureAt(bytes, at))) this.straight = false;
      // Other instructions that branch to a label (br_on_*, try_table's catches, GC casts).
      if (op === 0xd5 || op === 0xd6 || op === 0x1f || op === 0xfb) scan.exoticBranches = true;
      if (op === 0x06 || op === 0x1f || (op >= 0x08 && op <= 0x0a)) scan.usesExceptions = true;
      const shiftFrom = this.cx.shiftLocalsFrom;
      if (shiftFrom !== undefined && op >= 0x20 && op <= 0x22 && ins.a >= shiftFrom) {
        scan.localRefs.push(at);
      }
      if (kind === "end" || kind === "delegate") {
        if (depth === 0) {
          if (kind === "delegate") throw new MalformedError(`stray delegate at byte ${at}`);
          closed = true;
        } else this.close(at, r.pos);
      } else if (kind === "block" || kind === "if" || kind === "try" || kind === "loop") {
        this.open(kind, at, r.pos);
      } else if (kind === "middle") {
        this.entry.middle(frames[depth - 1].entry);
      } else {
        this.instruction(kind, op, at, r.pos, wasStraight);
      }
      // After the instruction's fuel charge (array.new*: per element): the GC allocation cap.
      if (op === 0xfb && GC_ALLOCATIONS.has(ins.sub)) this.gcAllocation(at);
    }
    if (!closed) throw new MalformedError(`function body without its final end at byte ${end}`);
    scan.countedLoops = this.counted.found;
    scan.loops = this.frameLoops;
    return scan;
  }

  private insert(at: number, what: Insert["what"], index: number): Insert {
    const insert: Insert = { at, what, index, depth: this.frames.length };
    this.scan.inserts.push(insert);
    return insert;
  }

  private addRegion(at: number, region: number): void {
    this.regionInserts.push(this.insert(at, "region", region));
  }

  /** block, if, try or loop at `at`; its body starts at `bodyStart`. */
  private open(kind: InstrKind, at: number, bodyStart: number): void {
    const { scan, frames } = this;
    const frame: Frame = {
      outer: this.cur,
      loop: undefined,
      calls: false,
      entry: this.entry.opened(kind),
    };
    if (kind === "if") scan.counts[this.cur]++;
    if (kind === "try") scan.hasTry = true;
    frames.push(frame);
    if (kind !== "loop") return;
    scan.hasLoop = true;
    this.cur = scan.counts.length;
    scan.counts.push(0);
    this.addRegion(bodyStart, this.cur);
    frame.loop = {
      region: this.cur,
      at,
      depth: frames.length - 1,
      bodyStart,
      end: bodyStart,
      backEdges: [],
      conditional: false,
    };
    this.frameLoops.push(frame.loop);
    this.counted.loopStart(at, frames.length - 1, this.cur);
    this.straight = true;
  }

  /** The `end` (or delegate) at `at` of the innermost frame; `after` is past it. */
  private close(at: number, after: number): void {
    const frame = this.frames.pop() as Frame;
    this.entry.closed(frame.entry);
    this.cur = frame.outer;
    if (!frame.loop) return;
    frame.loop.end = at;
    this.counted.loopEnd(after);
    if (!frame.calls) this.scan.callFreeLoop = true;
    else this.markCall();
  }

  /** A call in the innermost loop, if any. */
  private markCall(): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (this.frames[i].loop) {
        this.frames[i].calls = true;
        return;
      }
    }
  }

  /** br, br_if, br_table: the deferred entry's state and the loops branched back to. */
  private branch(op: number, at: number): void {
    const { frames, ins } = this;
    this.entry.branch(op, ins, frames);
    const loopAt = (label: number) => frames[frames.length - 1 - label]?.loop;
    if (op === 0x0c) {
      loopAt(ins.a)?.backEdges.push({ at, depth: frames.length });
      return;
    }
    const conditional = (label: number) => {
      const loop = loopAt(label);
      if (loop) loop.conditional = true;
    };
    if (op === 0x0e) brTableTargets(this.bytes, ins, conditional);
    else conditional(ins.a);
  }

  /** Any instruction but the structural ones: its count and charges. */
  private instruction(
    kind: InstrKind,
    op: number,
    at: number,
    after: number,
    wasStraight: boolean,
  ): void {
    const { scan, cx } = this;
    if (op === 0x0c || op === 0x0d || op === 0x0e) this.branch(op, at);
    scan.counts[this.cur]++;
    switch (kind) {
      case "plain":
        this.plain(op, at);
        break;
      case "branch":
      case "throw":
      case "call":
        this.call(op, at, after, wasStraight);
        break;
      case "memBulk":
      case "tableBulk":
      case "arrayBulk":
        if (cx.meter) {
          const wide = op === 0xfc && wideOperand(this.ins.sub, this.ins.a, this.ins.b, cx);
          this.scratch(wide);
          this.insert(at, kind, 0).wide = wide;
        }
        break;
      case "memGrow":
      case "tableGrow":
        if (cx.meter || kind === "memGrow" || cx.tableCap !== undefined) {
          const wide = kind === "memGrow" ? cx.memory64(this.ins.a) : cx.table64(this.ins.a);
          this.scratch(wide);
          this.insert(at, kind, this.ins.a).wide = wide; // index: the memory or table
        }
        break;
    }
  }

  /** The body needs a scratch local for an operand: an i32, or an i64 (`wide`). */
  private scratch(wide: boolean): void {
    if (wide) this.scan.needTmp64 = true;
    else this.scan.needTmp = true;
  }

  /** unreachable, return, return_call* and every plain instruction. */
  private plain(op: number, at: number): void {
    const { scan, cx, ins } = this;
    if (cx.meter && op === 0x00) this.insert(at, "flush", FLUSH_TRAP);
    const tailCall = op === 0x12 || op === 0x13 || op === 0x15;
    if (cx.meter && (op === 0x0f || tailCall)) {
      // return_call: the direct-only callee's entry is paid here, as for a call.
      if (op === 0x12 && cx.directOnly(ins.a)) this.insert(at, "callCharge", ins.a);
      this.insert(at, "flush", FLUSH_RETURN);
    }
    if (tailCall) {
      scan.tailCalls = true;
      if (op === 0x12) scan.tailCallees.push(ins.a);
    }
  }

  /** call, call_indirect, call_ref, a branch or a throw (`after`: the next instruction). */
  private call(op: number, at: number, after: number, wasStraight: boolean): void {
    const { scan, cx, cur } = this;
    const callee = op === 0x10 ? this.ins.a : FLUSH_INDIRECT;
    if (cx.meter && op === 0x10 && cx.directOnly(callee)) {
      // A call reached from its region's start through pure straight-line code runs whenever
      // that charge is paid: the callee's entry charge joins it (not in the entry region of a
      // direct-only function, whose own callers pay that region).
      if (wasStraight && (cur !== 0 || !cx.directOnly(cx.self))) {
        scan.merged.push({ region: cur, callee });
      } else this.insert(at, "callCharge", callee);
    }
    // A branch calls nothing and leaves the copy equal to the global: no flush, no reload.
    // (A throw gets a reload after it, never reached, kept for byte-identical output.)
    const calls = op === 0x10 || op === 0x11 || op === 0x14;
    if (calls) this.markCall();
    // A loop whose header reaches a threaded call by pure straight-line code checks its charge
    // after the call instead (Insert.deferredCheck).
    const deferred = cx.meter && op === 0x10 && wasStraight && cur > 0 && cx.threaded(callee);
    if (deferred) this.regionInserts[cur].deferredCheck = true;
    if (cx.meter && calls) this.insert(at, "flush", callee);
    if (cx.meter && op !== 0x0c && op !== 0x0d) {
      const reload = this.insert(after, "reload", callee);
      if (deferred) reload.deferredCheck = true;
    }
  }

  /** struct.new*, array.new*: checked against the GC allocation cap (gc-cap.ts). */
  private gcAllocation(at: number): void {
    const { ins, scan } = this;
    const alloc = this.insert(at, "gcAlloc", ins.a); // index: the type
    if (ins.sub === 8)
      alloc.elements = ins.b; // array.new_fixed
    else if (ins.sub >= 6) scan.needTmp = true; // the count is on the stack
    scan.gcAllocations++;
  }
}
