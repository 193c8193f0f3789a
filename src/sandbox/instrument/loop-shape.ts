// The one place that decides each loop's shape: how its iterations are charged. loop-code.ts
// writes the two shapes that are more than a charge; scan-body.ts only reports the facts.
//
//   header   charged at its header, each iteration (every shape of counter)
//   counted  charged once at entry for all its iterations when the trip count is known and
//            affordable, else the loop as it was (counted-loops.ts finds them)
//   edges    charged on the edges into it: before the `loop` opcode and each `br` back
//   paired   two iterations per check, the loop charged on its edges taking over near
//            exhaustion (loop-code.ts, pairedLoopCode)
//
// All but `header` need the count in a local alone (lazy, threaded: counter-shape.ts).
import { Reader } from "../wasm/reader";
import { FLUSH_RETURN, FLUSH_TRAP, type Insert, type LoopEdges, type Scan } from "./scan-result";
import type { CountedLoop } from "./counted-loops";
import type { BodyCounter } from "./counter-shape";
import { bodyInstructions } from "./loop-code";
import { OP } from "./emit-ops";

export type LoopShape = "header" | "counted" | "edges" | "paired";

export interface LoopFacts {
  counter: BodyCounter;
  /** counted-loops.ts found its trip count computable at entry. */
  counted: boolean;
  /** Every way back to it is a plain `br`, and the body branches by no other instruction. */
  plainBackEdges: boolean;
  /** Its header's charge is checked after a threaded call (Insert.deferredCheck). */
  checkWaitsForCall: boolean;
  /** Short, never falls through its end, holds no other charge (asked only when it matters). */
  pairable: () => boolean;
}

/** Only a count kept in a local alone lets a loop be charged anywhere but at its header. */
function headerOnly(counter: BodyCounter): boolean {
  return counter !== "lazy" && counter !== "threaded";
}

export function loopShape(l: LoopFacts): LoopShape {
  if (headerOnly(l.counter)) return "header";
  if (l.counted) return "counted";
  if (!l.plainBackEdges || l.checkWaitsForCall) return "header";
  return l.pairable() ? "paired" : "edges";
}

/** A body's inserts with every loop's charges placed by its shape. */
export interface LoopPlan {
  inserts: Insert[];
  /** The counted loops (Scan.countedLoops) charged at entry. */
  counted: CountedLoop[];
  paired: number;
}

export function planLoops(scan: Scan, bytes: Uint8Array, counter: BodyCounter): LoopPlan {
  if (headerOnly(counter)) return { inserts: scan.inserts, counted: [], paired: 0 };
  const countedRegions = new Set(scan.countedLoops.map((loop) => loop.region));
  const waits = new Set<number>();
  for (const ins of scan.inserts) {
    if (ins.what === "region" && ins.deferredCheck) waits.add(ins.index);
  }
  const shapes = new Map<number, LoopShape>();
  for (const loop of scan.loops) {
    const shape = loopShape({
      counter,
      counted: countedRegions.has(loop.region),
      plainBackEdges: !scan.exoticBranches && !loop.conditional && loop.backEdges.length > 0,
      checkWaitsForCall: waits.has(loop.region),
      pairable: () => pairable(loop, scan, bytes),
    });
    if (shape !== "header") shapes.set(loop.region, shape);
  }
  const counted = scan.countedLoops.filter((loop) => shapes.get(loop.region) === "counted");
  const edgeCharged = withEdgeCharges(scan, shapes);
  const inserts = counted.length > 0 ? withCountedLoops(scan, edgeCharged) : edgeCharged;
  const paired = [...shapes.values()].filter((shape) => shape === "paired").length;
  return { inserts, counted, paired };
}

/** Longest loop body (bytes) written twice by pairing. */
const MAX_PAIRED_BODY = 4096;

/**
 * Charges on the edges into a loop instead of at its header (lazy shape): once before the
 * `loop` opcode and once before each `br` back to it. The header is reached by those edges
 * only, with nothing in between, so counts, checks and the point of exhaustion stay the same.
 * V8 then keeps the header to its own interrupt check and the dispatch (interp kernel, before
 * pairing: 1.18 → 1.13 in Chromium).
 * Only loops whose every way back is a plain `br`, and neither counted loops nor loops whose
 * check waits for a threaded call (loopShape).
 *
 * Such a loop is paired (loop-code.ts, pairedLoopCode) when its body is short, never falls through its end
 * (it ends with `br` back) and holds no charge but its own: no call, no nested loop, no charged
 * bulk or grow operation. That is the `for (;;) switch (op)` of an interpreter, where one check
 * per iteration costs most.
 */
function withEdgeCharges(scan: Scan, shapes: Map<number, LoopShape>): Insert[] {
  const moved = new Map<number, Insert[]>();
  scan.loops.forEach((loop, index) => {
    const shape = shapes.get(loop.region);
    if (shape !== "edges" && shape !== "paired") return;
    const edges: Insert[] = [loop.at, ...loop.backEdges.map((e) => e.at)].map((at, i) => ({
      at,
      what: "region",
      index: loop.region,
      depth: i === 0 ? loop.depth : loop.backEdges[i - 1].depth,
    }));
    // A paired loop's turns go before the loop, which then runs as C (pairedLoopCode).
    if (shape === "paired") {
      edges.unshift({ at: loop.at, what: "pairedLoop", index, depth: loop.depth });
    }
    moved.set(loop.region, edges);
  });
  if (moved.size === 0) return scan.inserts;
  const inserts: Insert[] = [];
  const edgeCharges = new Set<Insert>();
  for (const ins of scan.inserts) {
    const edges = ins.what === "region" ? moved.get(ins.index) : undefined;
    if (!edges) inserts.push(ins);
    else for (const edge of edges) edgeCharges.add(edge);
  }
  // An edge's charge comes last at its offset: after the function's entry charge (a body that
  // starts with the loop) or the reload after a call just before the `br`.
  return [...inserts, ...edgeCharges].sort(
    (x, y) => x.at - y.at || Number(edgeCharges.has(x)) - Number(edgeCharges.has(y)),
  );
}

/** Value types a block type can be in one byte (a loop with parameters is not paired). */
const ONE_BYTE_BLOCK_TYPES = [0x40, 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f];

function pairable(loop: LoopEdges, scan: Scan, bytes: Uint8Array): boolean {
  if (loop.end - loop.bodyStart > MAX_PAIRED_BODY) return false;
  if (loop.bodyStart !== loop.at + 2 || !ONE_BYTE_BLOCK_TYPES.includes(bytes[loop.at + 1])) {
    return false;
  }
  // The body's last instruction is `br 0`: it never falls through its end.
  if (!loop.backEdges.some((e) => e.at + 2 === loop.end && e.depth === loop.depth + 1)) {
    return false;
  }
  const onlyFlushes = scan.inserts.every(
    (ins) =>
      ins.at <= loop.bodyStart ||
      ins.at >= loop.end ||
      (ins.what === "flush" && (ins.index === FLUSH_RETURN || ins.index === FLUSH_TRAP)),
  );
  if (!onlyFlushes) return false;
  // No br_table out of the body (A gives B's charge back on its ways out, one target at a time).
  for (const { at, op, depth } of bodyInstructions(bytes, loop)) {
    if (op !== OP.brTable) continue;
    const t = new Reader(bytes, at + 1, loop.end);
    for (let n = t.u32(); n >= 0; n--) if (t.u32() > depth) return false;
  }
  return true;
}

/**
 * The scan's inserts with each counted loop's two: its entry code at the `loop` opcode (after
 * whatever else goes there: the function's entry charge if the body starts with the loop), and
 * the `end` of its `if` just past the loop (before the code that follows the loop).
 */
function withCountedLoops(scan: Scan, inserts: Insert[]): Insert[] {
  const extra: Insert[] = [];
  scan.countedLoops.forEach((loop, index) => {
    extra.push({ at: loop.start, what: "countedLoop", index, depth: 0 });
    extra.push({ at: loop.end, what: "countedLoopEnd", index, depth: 0 });
  });
  extra.sort((x, y) => x.at - y.at);
  const merged: Insert[] = [];
  let k = 0;
  for (const ins of inserts) {
    while (
      k < extra.length &&
      (extra[k].at < ins.at || (extra[k].at === ins.at && extra[k].what === "countedLoopEnd"))
    ) {
      merged.push(extra[k++]);
    }
    merged.push(ins);
  }
  while (k < extra.length) merged.push(extra[k++]);
  return merged;
}
