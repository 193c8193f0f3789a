// The first pass of the fuel pass over one function body: the instruction count of each
// region (the entry and every loop) and the places where charge code goes. fuel-pass.ts turns
// the result into code once every body is scanned (a caller may pay a callee's entry charge).
import { MalformedError, Reader } from "../wasm/reader";
import { CountedLoopFinder, type CountedLoop } from "./counted-loops";
import { brTableTargets, newInstr } from "../wasm/decode";
import { skipInstruction } from "./opcodes";
import { GC_ALLOCATIONS } from "./gc-cap";

/** Code to insert at a byte offset of the body; materialised once the whole body is scanned. */
export interface Insert {
  at: number;
  what:
    | "region"
    | "reload"
    | "commit"
    | "callCharge"
    | "flush"
    | "memBulk"
    | "tableBulk"
    | "arrayBulk"
    | "gcAlloc"
    | "memGrow"
    | "tableGrow"
    | "countedLoop"
    | "countedLoopEnd"
    | "pairedLoop";
  /**
   * Region index (region), memory / table index (grows), callee (callCharge), index in
   * Scan.countedLoops (countedLoop) or Scan.loopEdges (pairedLoop).
   */
  index: number;
  /** Control frames open at `at` (not counting the function's own). */
  depth: number;
  /** gcAlloc (index: the type): array.new_fixed's element count; else none or on the stack. */
  elements?: number;
  /** Bulk and grow: the operand on top of the stack is an i64 (memory64, table64 forms). */
  wide?: boolean;
  /**
   * region: charge without the check; reload: check after the call. A loop whose header
   * reaches a call to a threaded function by pure straight-line code checks its charge on the
   * count the callee returns (README.md, "threaded counter").
   */
  deferredCheck?: boolean;
}

/** `index` of a flush: the callee of a direct call, or one of these. */
export const FLUSH_INDIRECT = -1;
export const FLUSH_RETURN = -2;
/** Before `unreachable`: a deliberate trap leaves the count exact (sandbox.ts, no recount). */
export const FLUSH_TRAP = -3;

export interface Scan {
  counts: number[];
  inserts: Insert[];
  hasLoop: boolean;
  /** A loop with no call in it (a loop that calls stores the counter every iteration anyway). */
  callFreeLoop: boolean;
  hasTry: boolean;
  /** try, try_table, throw, rethrow or throw_ref: a local counter could be unwound unseen. */
  usesExceptions: boolean;
  needTmp: boolean;
  /** Direct calls whose callee's entry charge joins the charge of region `region`. */
  merged: { region: number; callee: number }[];
  /** Innermost loops whose trip count is known at entry (counted-loops.ts). */
  countedLoops: CountedLoop[];
  /** return_call, return_call_indirect or return_call_ref (no threaded counter then). */
  tailCalls: boolean;
  /** Callees of return_call (they keep their type: no threaded counter). */
  tailCallees: number[];
  /** Offsets of the local.get/set/tee whose index is at or past `shiftLocalsFrom`. */
  localRefs: number[];
  /** Every loop, in the order of their regions: where it is entered and branched back to. */
  loops: LoopEdges[];
  /**
   * Some instruction other than br/br_if/br_table branches to a label (br_on_*, try_table's
   * catches, GC casts): no loop can be sure of its back edges (loop-shape.ts).
   */
  exoticBranches: boolean;
  /** Some bulk or grow operand is an i64: the body needs an i64 scratch local. */
  needTmp64: boolean;
  /** GC allocations, each checked against the cap (gc-cap.ts). */
  gcAllocations: number;
}

/** Where a loop is entered and branched back to. */
export interface LoopEdges {
  /** The loop's region. */
  region: number;
  /** The `loop` opcode and the control frames open there. */
  at: number;
  depth: number;
  /** The first instruction of the body, and the loop's own `end`. */
  bodyStart: number;
  end: number;
  /** Each `br` to the loop: the opcode and the control frames open there. */
  backEdges: { at: number; depth: number }[];
  /** Some br_if or br_table branches to the loop. */
  conditional: boolean;
}

/** What scanBody needs to know of the module beyond the body. */
export interface ScanContext {
  meter: boolean;
  tableCap: bigint | undefined;
  /** Callers pay the entry charge of these (escaping.ts). */
  directOnly: (func: number) => boolean;
  /** These take the counter as a parameter and return it (fuel-pass.ts). */
  threaded: (func: number) => boolean;
  /** The function's own index. */
  self: number;
  /** Record the local instructions with an index at or past this (the param count). */
  shiftLocalsFrom: number | undefined;
  /** Whether memory (table) i is 64-bit: its sizes and lengths are i64. */
  memory64: (index: number) => boolean;
  table64: (index: number) => boolean;
}

/**
 * Whether the instruction at `at` is pure: it cannot trap, has no effect outside the function's
 * locals and stack, and does not leave the function. Control instructions are handled apart.
 */
function pureAt(bytes: Uint8Array, at: number): boolean {
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

/** A control frame as the deferred entry charge sees it (see scanBody). */
interface PendingFrame {
  loop: boolean;
  isIf: boolean;
  /** Maybe pending where an `if` was entered (the state its else arm starts with). */
  atEntry: boolean;
  hasElse: boolean;
  /** Maybe pending on some branch to this frame's end. */
  atEnd: boolean;
}

/**
 * Scans the instructions of one body: region counts and where code goes.
 *
 * Deferred entry charge: in a function that keeps the counter in a local, the entry charge
 * only subtracts into the local, and the global store and the check ("commit") are placed
 * before the first instruction on each path that could be observed: one that may trap, has a
 * side effect, calls or leaves the function. A loop header's charge commits by itself, so the
 * common path "entry, a few pure instructions, loop" pays one check instead of two. Nothing
 * observable happens before the commit, so fuel counts, traps and the point of exhaustion are
 * the same as charging at entry. A commit is idempotent (the local and the global agree after
 * the first), so paths that merge with one committed and one not simply commit again.
 */
export function scanBody(bytes: Uint8Array, r: Reader, end: number, cx: ScanContext): Scan {
  const { meter, tableCap, directOnly, threaded, self, shiftLocalsFrom } = cx;
  const scan: Scan = {
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
  // The region insert of each region (a deferred check clears its check).
  const regionInserts: Insert[] = [];
  const counted = new CountedLoopFinder(bytes);
  // Only pure, non-branching instructions since the start of the current region.
  let straight = true;
  const { counts, inserts } = scan;
  regionInserts.push({ at: r.pos, what: "region", index: 0, depth: 0 });
  inserts.push(regionInserts[0]);
  const ctrl: number[] = [];
  // For each open loop, whether it calls (a loop that calls makes its enclosing loop one that
  // calls when it closes).
  const loopCalls: boolean[] = [];
  // Parallel to ctrl: the region of a loop frame, -1 for any other frame; and per region, where
  // its loop starts and the branches back to it (loop-shape.ts).
  const frameRegion: number[] = [];
  const loopEdges = new Map<number, LoopEdges>();
  // The loop a branch of label `depth` goes back to, if its target is a loop.
  const loopTarget = (depth: number) => loopEdges.get(frameRegion[ctrl.length - 1 - depth]);
  const frames: PendingFrame[] = [];
  let pending = meter;
  let cur = 0;
  let closed = false;
  const branchTo = (depth: number): boolean => {
    // false: the branch leaves the function (a return)
    if (depth >= frames.length) return false;
    const f = frames[frames.length - 1 - depth];
    if (!f.loop) f.atEnd ||= pending;
    return true;
  };
  const ins = newInstr();
  while (r.pos < end) {
    if (closed) throw new MalformedError(`code after the end of a function at byte ${r.pos}`);
    const at = r.pos;
    const kind = skipInstruction(r, ins);
    const inLoop = counted.active;
    if (inLoop) counted.instruction(at);
    if (pending) {
      const op = bytes[at];
      let pure: boolean;
      if (op === 0x0c || op === 0x0d) {
        pure = ins.a < frames.length;
      } else if (op === 0x0e) {
        pure = true;
        brTableTargets(bytes, ins, (depth) => {
          if (depth >= frames.length) pure = false;
        });
      } else if (kind === "block" || kind === "if" || kind === "loop" || kind === "middle") {
        pure = kind !== "middle" || op === 0x05; // else; catch clauses: commit (no cache there)
      } else if (kind === "end") pure = frames.length > 0;
      else pure = kind === "plain" && pureAt(bytes, at);
      if (!pure) {
        inserts.push({ at, what: "commit", index: 0, depth: ctrl.length });
        pending = false;
      }
    }
    // The pending state along the structure (only branches to blocks and ifs carry it).
    const op = bytes[at];
    const wasStraight = straight;
    if (!(kind === "plain" && pureAt(bytes, at))) straight = false;
    if (kind === "block" || kind === "if" || kind === "try" || kind === "loop") {
      frames.push({
        loop: kind === "loop",
        isIf: kind === "if",
        atEntry: pending,
        hasElse: false,
        atEnd: false,
      });
      if (kind === "loop") pending = false; // the header's charge commits
    } else if (kind === "middle") {
      const f = frames[frames.length - 1];
      f.atEnd ||= pending;
      f.hasElse = true;
      pending = f.atEntry;
    } else if ((kind === "end" || kind === "delegate") && frames.length > 0) {
      const f = frames.pop() as PendingFrame;
      pending = pending || f.atEnd || (f.isIf && !f.hasElse && f.atEntry);
    } else if (op === 0x0c) {
      const depth = ins.a;
      branchTo(depth);
      pending = false;
      loopTarget(depth)?.backEdges.push({ at, depth: ctrl.length });
    } else if (op === 0x0d) {
      const depth = ins.a;
      branchTo(depth);
      const edges = loopTarget(depth);
      if (edges) edges.conditional = true;
    } else if (op === 0x0e) {
      brTableTargets(bytes, ins, (depth) => {
        branchTo(depth);
        const edges = loopTarget(depth);
        if (edges) edges.conditional = true;
      });
      pending = false;
    }
    // Other instructions that branch to a label (br_on_*, try_table's catches, GC casts).
    if (op === 0xd5 || op === 0xd6 || op === 0x1f || op === 0xfb) scan.exoticBranches = true;
    if (op === 0x06 || op === 0x1f || (op >= 0x08 && op <= 0x0a)) scan.usesExceptions = true;
    if (shiftLocalsFrom !== undefined && op >= 0x20 && op <= 0x22) {
      if (ins.a >= shiftLocalsFrom) scan.localRefs.push(at);
    }
    if (!inLoop) {
      // nothing for the counted-loop finder
    } else if (op === 0x0c || op === 0x0d) {
      counted.branch(ctrl.length, ins.a);
    } else if (op === 0x0e) {
      brTableTargets(bytes, ins, (depth) => counted.branch(ctrl.length, depth));
    } else if (op === 0x21 || op === 0x22) {
      counted.localWrite(ins.a);
    } else if (kind === "block" || kind === "if") {
      counted.frameOpened(ctrl.length); // the index it gets when pushed below
    } else if (kind === "middle") {
      counted.split(ctrl.length);
    } else if (
      op === 0x0f || // return
      (op >= 0x10 && op <= 0x15) || // calls and tail calls
      op === 0xd5 || // br_on_null
      op === 0xd6 || // br_on_non_null
      op === 0xfb || // GC: br_on_cast branches, allocations are checked against their cap
      (kind !== "plain" && kind !== "loop" && kind !== "end")
    ) {
      counted.disqualify(); // calls, exceptions, charged bulk and grow operations
    }
    switch (kind) {
      case "plain":
        counts[cur]++;
        if (meter && op === 0x00) {
          inserts.push({ at, what: "flush", index: FLUSH_TRAP, depth: ctrl.length });
        }
        if (meter && (op === 0x0f || op === 0x12 || op === 0x13 || op === 0x15)) {
          // return_call: the direct-only callee's entry is paid here, as for a call.
          const callee = op === 0x12 ? ins.a : -1;
          if (callee >= 0 && directOnly(callee)) {
            inserts.push({ at, what: "callCharge", index: callee, depth: ctrl.length });
          }
          inserts.push({ at, what: "flush", index: FLUSH_RETURN, depth: ctrl.length });
        }
        if (op === 0x12 || op === 0x13 || op === 0x15) {
          scan.tailCalls = true;
          if (op === 0x12) scan.tailCallees.push(ins.a);
        }
        break;
      case "branch":
      case "throw":
      case "call": {
        counts[cur]++;
        const callee = op === 0x10 ? ins.a : FLUSH_INDIRECT;
        if (meter && op === 0x10) {
          if (directOnly(callee)) {
            // A call reached from its region's start through pure straight-line code runs
            // whenever that charge is paid: the callee's entry charge joins it (not in the
            // entry region of a direct-only function, whose own callers pay that region).
            if (wasStraight && (cur !== 0 || !directOnly(self))) {
              scan.merged.push({ region: cur, callee });
            } else {
              inserts.push({ at, what: "callCharge", index: callee, depth: ctrl.length });
            }
          }
        }
        // A branch calls nothing and leaves the copy equal to the global: no flush, no reload.
        // (A throw gets a reload after it, never reached, kept for byte-identical output.)
        if ((op === 0x10 || op === 0x11 || op === 0x14) && loopCalls.length > 0) {
          loopCalls[loopCalls.length - 1] = true;
        }
        // A loop whose header reaches a threaded call by pure straight-line code checks its
        // charge after the call instead (Insert.deferredCheck).
        const deferred = meter && op === 0x10 && wasStraight && cur > 0 && threaded(callee);
        if (deferred) regionInserts[cur].deferredCheck = true;
        if (meter && (op === 0x10 || op === 0x11 || op === 0x14)) {
          inserts.push({ at, what: "flush", index: callee, depth: ctrl.length });
        }
        if (meter && op !== 0x0c && op !== 0x0d) {
          const reload: Insert = { at: r.pos, what: "reload", index: callee, depth: ctrl.length };
          if (deferred) reload.deferredCheck = true;
          inserts.push(reload);
        }
        break;
      }
      case "try":
        scan.hasTry = true;
        ctrl.push(cur);
        frameRegion.push(-1);
        break;
      case "block":
        ctrl.push(cur);
        frameRegion.push(-1);
        break;
      case "if":
        counts[cur]++;
        ctrl.push(cur);
        frameRegion.push(-1);
        break;
      case "loop":
        scan.hasLoop = true;
        ctrl.push(cur);
        loopCalls.push(false);
        cur = counts.length;
        counts.push(0);
        regionInserts.push({ at: r.pos, what: "region", index: cur, depth: ctrl.length });
        inserts.push(regionInserts[cur]);
        frameRegion.push(cur);
        loopEdges.set(cur, {
          region: cur,
          at,
          depth: ctrl.length - 1,
          bodyStart: r.pos,
          end: r.pos,
          backEdges: [],
          conditional: false,
        });
        counted.loopStart(at, ctrl.length - 1, cur);
        straight = true;
        break;
      case "middle":
        break;
      case "end":
      case "delegate":
        if (ctrl.length === 0) {
          if (kind === "delegate") throw new MalformedError(`stray delegate at byte ${at}`);
          closed = true;
        } else {
          const region = frameRegion.pop() as number;
          const edges = loopEdges.get(region);
          if (edges) edges.end = at;
          cur = ctrl.pop() as number;
          if (region >= 0) {
            counted.loopEnd(r.pos);
            const called = loopCalls.pop() as boolean;
            if (!called) scan.callFreeLoop = true;
            else if (loopCalls.length > 0) loopCalls[loopCalls.length - 1] = true;
          }
        }
        break;
      case "memBulk":
      case "tableBulk":
      case "arrayBulk":
        counts[cur]++;
        if (meter) {
          const wide = op === 0xfc && wideOperand(ins.sub, ins.a, ins.b, cx);
          if (wide) scan.needTmp64 = true;
          else scan.needTmp = true;
          inserts.push({ at, what: kind, index: 0, depth: ctrl.length, wide });
        }
        break;
      case "memGrow":
      case "tableGrow":
        counts[cur]++;
        if (meter || (kind === "memGrow" ? true : tableCap !== undefined)) {
          const wide = kind === "memGrow" ? cx.memory64(ins.a) : cx.table64(ins.a);
          if (wide) scan.needTmp64 = true;
          else scan.needTmp = true;
          inserts.push({ at, what: kind, index: ins.a, depth: ctrl.length, wide }); // memory / table
        }
        break;
    }
    // After the instruction's fuel charge (array.new*: per element): the GC allocation cap.
    if (op === 0xfb && GC_ALLOCATIONS.has(ins.sub)) {
      const alloc: Insert = { at, what: "gcAlloc", index: ins.a, depth: ctrl.length };
      if (ins.sub === 8)
        alloc.elements = ins.b; // array.new_fixed
      else if (ins.sub >= 6) scan.needTmp = true; // the count is on the stack
      scan.gcAllocations++;
      inserts.push(alloc);
    }
  }
  if (!closed) throw new MalformedError(`function body without its final end at byte ${end}`);
  scan.countedLoops = counted.found;
  scan.loops = [...loopEdges.values()];
  return scan;
}
