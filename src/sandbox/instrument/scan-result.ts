// What the scan of one body (scan-body.ts) reports: each region's count, where code goes
// (inserts) and the facts the plan needs (counter-shape.ts, loop-shape.ts). The analysis's
// output, read by the plan and the emitters; nothing here decides or writes code.
import type { CountedLoop } from "./counted-loops";

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
