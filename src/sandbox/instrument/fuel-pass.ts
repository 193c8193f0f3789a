// The fuel pass (and the grow checks of the memory-cap pass), done on the code section's bytes.
//
// Cost model (src/sandbox/instrument/README.md, the contract), on the instructions of the binary as written:
// - Every instruction costs 1, except the structural markers block, loop, try, try_table, else,
//   catch, catch_all, delegate and end, which cost 0. (`if` costs 1: it tests and branches.)
// - At function entry the function is charged the count of its instructions outside any loop;
//   at every loop header (each iteration) the loop is charged the count of its instructions that
//   are not inside a nested loop. Both arms of an `if` are charged, taken or not.
// - memory.fill/copy/init additionally cost length / 8 (floor) and table.fill/copy/init 1 per
//   element, charged before the op runs (so a huge length exhausts fuel instead of running).
//   memory.grow costs 8192 per page and table.grow 1 per element, charged before the grow,
//   except when size + delta is over the cap (the grow will be refused: no charge, the
//   grow-refused flag is set instead). Imported (host) functions cost only their call.
// - A charge that takes the counter below 0 traps at once (`unreachable`): the runner tells
//   fuel exhaustion from other traps by the counter being negative.
//
// Code shape (not part of the model; measured in bench/, see the counter option): each check is
// a single `br_if` to a cold exit block wrapped around the body (`block $exit block $body …
// end return end unreachable`), so the straight path of a charge is sub, store, compare and a
// branch never taken; functions whose results no block type can carry keep `if unreachable end`.
// In the default ("cached") shape, two more moves that keep every count and trap point:
// - a function with a loop defers its entry charge's store and check to the first instruction
//   that could be observed (scanBody);
// - the entry charge of a direct-only function (escaping.ts: not exported, in no table or
//   element segment, never ref.func'd) is paid by its callers: merged into the caller's region
//   charge when the call is reached from the region start by pure straight-line code, else
//   charged just before the call. Only a stack overflow at such a call can tell: the callee's
//   entry is then already counted (the overflow depth depends on the engine anyway).
// The "lazy" shape drops the store from the charges of functions whose loops make no call (the
// cold exit stores before it traps, and calls and returns store first), leaving sub, compare,
// branch: in Chromium it takes sieve from 1.25 to 1.04 and matmul from 1.12 to 1.06 (bench/).
// Where loops call, every iteration stores before its call anyway, and a store at each return
// made recursive code slower (fib 1.3 → 2.0), so those functions keep the cached shape. In the
// lazy shape, counted loops (counted-loops.ts) are also charged once at entry for every
// iteration, with a per-iteration copy for when the trip count is unknown or over the budget.
//
// Threaded counter (lazy shape, modules without exception handling): a direct-only function
// takes the counter as one more i64 parameter and returns it as one more i64 result
// (threading.ts, local-shift.ts), so a call between module functions neither stores nor loads
// the global; it is stored before calls to imports, exported or table functions (and checked
// there), and on exhaustion. A loop whose header reaches a threaded call by pure straight-line
// code checks its charge on the count that call returns instead of before it. The charge is
// the same; only the check moves, and the chain of checks that wait is at most as deep as the
// stack. Every threaded function checks its counter before any call out of the module's own
// code, so host functions act only where the exact shape would also have gone. A trap or a
// stack overflow in the overrun is recounted by the sandbox in the exact shape, whose answer
// (fuel_exhausted) it reports. On Chromium this takes fib from 1.27 to ~1.08: a check before
// each recursive call cost ~25 % whether the counter lived in the global or a parameter, the
// global's store and load around each call another ~30 %.
//
// Loops that only a plain `br` goes back to (lazy shape, withEdgeCharges): charged on the edges
// into the loop rather than at its header, and when short, never falling through their end and
// holding no other charge (an interpreter's `for (;;) switch (op)`), paired: two iterations per
// check, B's charge taken with A's and given back on A's ways out (pairedLoopCode). Counts stay
// exact where they can be seen; interp goes from 1.19 to ~1.06 in Chromium.
import { MalformedError, Reader, Writer, encodeU32 } from "../wasm/reader";
import { RefusedError } from "./bytes";
import { skipInstruction } from "./opcodes";
import { newInstr } from "../wasm/decode";
import { skipValType } from "../wasm/types";
import {
  FLUSH_RETURN,
  FLUSH_TRAP,
  scanBody,
  type Insert,
  type LoopEdges,
  type Scan,
} from "./scan-body";
import { LocalShift, copyBody, writeBody } from "./local-shift";
import { bodyCounter } from "./counter-shape";
import type { CountedLoop } from "./counted-loops";
import {
  afterThreadedCall,
  beforeCall,
  beforeReturn,
  beforeThreadedCall,
  commitCharge,
  countedLoopEntry,
  deferredEntryCharge,
  flushCounter,
  markCountLags,
  memoryBulkCharge,
  reloadCounter,
  staticCharge,
  tableBulkCharge,
  adjustCounter,
  pairedTurnCheck,
  type Fuel,
} from "./charge-code";
import { growCheck, growSizeReads, refuseCostlyGrowChecks } from "./grow-check";
import type { ModuleLayout, Section } from "./module-layout";
import { escapingFunctions } from "./escaping";
import { resultBlockTypes } from "./result-types";
import { canThread, plainSignatures, threadedTypes } from "./threading";

export interface FuelPassOptions {
  /** Global index of the fuel counter; undefined: do not meter, only add grow checks. */
  fuelGlobal: number | undefined;
  flagGlobal: number;
  /** Cap on the total of all memories, in pages; `memoryCount` memories (imports included). */
  memoryCapPages: bigint;
  memoryCount: number;
  /** Cap on the total of all tables' elements; `tableCount` tables (imports included). */
  tableCap: bigint | undefined;
  tableCount: number;
  /**
   * Where charges keep the counter (the fuel count is the same in every mode): "global" only;
   * "scratch": the global, through an i64 local (one load per charge); "cached" (default):
   * like scratch, and functions with loops and no try keep a copy in that local (and defer
   * their entry charge's store and check, see scanBody); "lazy": like cached, but in modules
   * that catch no exception, a function with a loop that makes no call keeps the counter only
   * in the local and stores it to the global before calls and returns and on exhaustion. The
   * global is then exact whenever the guest is outside wasm, after a return or exhaustion;
   * after any other trap it holds the count at the trapping function's last call or entry
   * (the sandbox then recounts the run in "cached", sandbox.ts).
   */
  counter?: FuelCounterShape;
}

export type FuelCounterShape = "global" | "scratch" | "cached" | "lazy";

/** V8's (and the JS API spec's) limits on one function. */
const MAX_BODY_BYTES = 7_654_321;
const MAX_LOCALS = 50_000;

/** One body, scanned (each pass of rewriteCodeSection scans it). */
interface Prepared {
  funcIndex: number;
  start: number;
  end: number;
  groups: number;
  groupsStart: number;
  codeStart: number;
  locals: number;
  params: number;
  scan: Scan;
}

function prepareBody(
  funcIndex: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  params: number,
  o: FuelPassOptions,
  calls: Pick<CallCosts, "directOnly" | "threaded">,
): Prepared {
  const r = new Reader(bytes, start, end);
  const groups = r.u32();
  const groupsStart = r.pos;
  let locals = params;
  for (let i = 0; i < groups; i++) {
    locals += r.u32();
    skipValType(r);
  }
  const codeStart = r.pos;
  const scan = scanBody(bytes, r, end, {
    meter: o.fuelGlobal !== undefined,
    tableCap: o.tableCap,
    directOnly: calls.directOnly,
    threaded: calls.threaded,
    self: funcIndex,
    shiftLocalsFrom: calls.threaded(funcIndex) ? params : undefined,
  });
  return { funcIndex, start, end, groups, groupsStart, codeStart, locals, params, scan };
}

/**
 * Writes one prepared body (after its size) into `out`. Returns whether it keeps a lazy counter
 * and how many of its loops it charges at entry.
 */
function rewriteBody(
  p: Prepared,
  bytes: Uint8Array,
  resultType: readonly number[] | undefined,
  o: FuelPassOptions,
  calls: CallCosts,
  out: Writer,
): { lazy: boolean; countedLoops: number; pairedLoops: number } {
  const { funcIndex, start, end, groups, groupsStart, codeStart, locals, params, scan } = p;
  const meter = o.fuelGlobal !== undefined;
  const coldExit = meter && o.counter !== "global" && resultType !== undefined;
  const shape = bodyCounter({
    meter,
    asked: o.counter ?? "cached",
    coldExit,
    threadedSignature: calls.threaded(funcIndex),
    moduleCatches: calls.exceptions,
    callFreeLoop: scan.callFreeLoop,
    hasLoop: scan.hasLoop,
    hasTry: scan.hasTry,
  });
  const withLocal = shape !== "none" && shape !== "global";
  const threaded = shape === "threaded";
  const lazy = threaded || shape === "lazy";
  const cached = lazy || shape === "cached";
  const fuel: Fuel | undefined = meter
    ? {
        global: o.fuelGlobal as number,
        local: withLocal ? (threaded ? params : locals) : undefined,
        cached,
        lazy,
        threaded,
      }
    : undefined;
  const shift = threaded ? new LocalShift(bytes, scan.localRefs, params) : undefined;
  const tmp = locals + (withLocal ? 1 : 0);
  // Counted loops are charged once at entry where the counter lives in a local (lazy): each
  // becomes `if (trips known and affordable) loop-without-charge else loop end`.
  const countedLoops = lazy ? scan.countedLoops : [];
  const edgeCharged = lazy ? withEdgeCharges(scan, bytes) : scan.inserts;
  const inserts = countedLoops.length > 0 ? withCountedLoops(scan, edgeCharged) : edgeCharged;
  const inCountedLoop = new Set(countedLoops.map((loop) => loop.region));
  const temps = tmp + (scan.needTmp ? 1 : 0);
  const code: number[][] = [];
  let extra = 0;
  const entryPaid = calls.directOnly(funcIndex);
  // The counter as each insert sees it: with the cold exit, at that insert's label depth. One
  // object per body, its depth set per insert (a copy per insert was half the pass's time on
  // CRuby, most of it garbage collection).
  const atInsert: Fuel | undefined = coldExit && fuel ? { ...fuel, trapDepth: 0 } : fuel;
  for (const ins of inserts) {
    // A counted loop's own charge sits one `if` deeper than the scan saw it.
    const deeper = ins.what === "region" && inCountedLoop.has(ins.index) ? 1 : 0;
    if (atInsert !== fuel && atInsert) atInsert.trapDepth = ins.depth + 1 + deeper;
    const c =
      ins.what === "countedLoop" && fuel
        ? countedLoopCode(scan.countedLoops[ins.index], scan, fuel, temps, bytes, shift, o)
        : ins.what === "pairedLoop" && fuel
          ? pairedLoopCode(scan.loopEdges[ins.index], scan, fuel, bytes, shift)
          : ins.what === "countedLoopEnd"
            ? [0x0b]
            : materialise(ins, scan, atInsert, tmp, o, entryPaid, calls);
    code.push(c);
    extra += c.length;
  }
  if (extra === 0 && !threaded) {
    out.u32(end - start);
    out.push(bytes.subarray(start, end));
    return { lazy: false, countedLoops: 0, pairedLoops: 0 };
  }
  // Cold exit: block $exit (block $body (result …) BODY end return end unreachable), so a
  // fuel check is one br_if to $exit, off the straight path; branches to the function's label
  // now target $body, which returns (a threaded function returns its counter too).
  const flush = fuel ? flushCounter(fuel) : [];
  const onReturn = fuel ? beforeReturn(fuel) : [];
  const suffix = coldExit ? [0x0b, ...onReturn, 0x0f, 0x0b, ...flush, 0x00] : [];
  if (coldExit) {
    code[0] = [0x02, 0x40, 0x02, ...(resultType as number[]), ...code[0]];
    extra += 3 + (resultType as number[]).length + suffix.length;
  }
  if (shift) extra += shift.growth(codeStart, end);
  const newDecls: number[] = [];
  if (withLocal && !threaded) newDecls.push(1, 0x7e);
  if (scan.needTmp) newDecls.push(1, 0x7f);
  if (countedLoops.length > 0) newDecls.push(2, 0x7e);
  const groupHeader = encodeU32(groups + newDecls.length / 2);
  const size = groupHeader.length + (codeStart - groupsStart) + newDecls.length + (end - codeStart);
  // (A threaded function's counter is a parameter instead of a declared local.)
  const newLocals =
    (withLocal ? 1 : 0) + (scan.needTmp ? 1 : 0) + (countedLoops.length > 0 ? 2 : 0);
  if (size + extra > MAX_BODY_BYTES || locals + newLocals > MAX_LOCALS) {
    throw new RefusedError(
      "invalid_module",
      `function ${funcIndex} is too big to meter: with the fuel charges it would pass V8's limits ` +
        `(${MAX_BODY_BYTES.toLocaleString("en-US")} bytes of code, ${MAX_LOCALS.toLocaleString("en-US")} locals)`,
    );
  }
  out.u32(size + extra);
  out.push(groupHeader);
  out.push(bytes.subarray(groupsStart, codeStart));
  out.push(newDecls);
  writeBody(bytes, shift, codeStart, end - 1, (i) => inserts[i]?.at, code, out);
  out.push(suffix);
  out.push(bytes.subarray(end - 1, end));
  const pairedLoops = inserts.filter((ins) => ins.what === "pairedLoop").length;
  return { lazy, countedLoops: countedLoops.length, pairedLoops };
}

/** Longest loop body (bytes) written twice by pairing (withEdgeCharges). */
const MAX_PAIRED_BODY = 4096;

/**
 * Charges on the edges into a loop instead of at its header (lazy shape): once before the
 * `loop` opcode and once before each `br` back to it. The header is reached by those edges
 * only, with nothing in between, so counts, checks and the point of exhaustion stay the same.
 * V8 then keeps the header to its own interrupt check and the dispatch (interp kernel, before
 * pairing: 1.18 → 1.13 in Chromium).
 * Only loops whose every way back is a plain `br` (Scan.loopEdges), and neither counted loops
 * nor loops whose check waits for a threaded call.
 *
 * Such a loop is paired (pairedLoopCode) when its body is short, never falls through its end
 * (it ends with `br` back) and holds no charge but its own: no call, no nested loop, no charged
 * bulk or grow operation. That is the `for (;;) switch (op)` of an interpreter, where one check
 * per iteration costs most.
 */
function withEdgeCharges(scan: Scan, bytes: Uint8Array): Insert[] {
  const counted = new Set(scan.countedLoops.map((loop) => loop.region));
  const moved = new Map<number, Insert[]>();
  scan.loopEdges.forEach((loop, index) => {
    if (counted.has(loop.region)) return;
    const edges: Insert[] = [loop.at, ...loop.backEdges.map((e) => e.at)].map((at, i) => ({
      at,
      what: "region",
      index: loop.region,
      depth: i === 0 ? loop.depth : loop.backEdges[i - 1].depth,
    }));
    // A paired loop's turns go before the loop, which then runs as C (pairedLoopCode).
    if (pairable(loop, scan, bytes)) {
      edges.unshift({ at: loop.at, what: "pairedLoop", index, depth: loop.depth });
    }
    moved.set(loop.region, edges);
  });
  if (moved.size === 0) return scan.inserts;
  const inserts: Insert[] = [];
  const edgeCharges = new Set<Insert>();
  for (const ins of scan.inserts) {
    const edges = ins.what === "region" && !ins.deferredCheck ? moved.get(ins.index) : undefined;
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
    if (op !== 0x0e) continue;
    const t = new Reader(bytes, at + 1, loop.end);
    for (let n = t.u32(); n >= 0; n--) if (t.u32() > depth) return false;
  }
  return true;
}

/** Each instruction of a loop's body, with the control frames open inside the body at it. */
function* bodyInstructions(bytes: Uint8Array, loop: LoopEdges) {
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
function pairedLoopCode(
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
      if (inA && (flush !== undefined || op === 0x0f)) out.push(add(c));
      if (flush !== undefined) out.push(flush === FLUSH_RETURN ? beforeReturn(fuel) : flushCounter(fuel)); // prettier-ignore
      if (op === 0x0c || op === 0x0d) {
        const target = new Reader(bytes, at + 1, loop.end).u32();
        const leaves = inA && target > depth;
        if (leaves) out.push(add(c));
        out.push([op, ...encodeU32(label(target))]);
        if (leaves && op === 0x0d) out.push(add(-c)); // fell through: still in A
      } else if (op === 0x0e) {
        const t = new Reader(bytes, at + 1, loop.end);
        const n = t.u32();
        out.push([op, ...encodeU32(n)]); // its targets are all inside the body (pairable)
        for (let i = 0; i <= n; i++) out.push(encodeU32(label(t.u32())));
      } else {
        copyBody(bytes, shift, at, next, out);
      }
    }
  };
  out.push([0x02, 0x40]); // block $slow
  out.push(bytes.subarray(loop.at, loop.bodyStart)); // loop $turn, the loop's own block type
  out.push([0x02, 0x40]); // block $toB
  out.push(add(-2n * c));
  out.push(pairedTurnCheck(fuel, 2n * c));
  body(2, true); // in $toB and $slow: A's `br`s back land on $toB's end, B
  out.push([0x0b]);
  body(1, false); // in $slow
  out.push([0x0b, 0x00, 0x0b]);
  return [...out.result()];
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

/** A counted loop's entry, the loop without its charge, and `else` (the loop as it was follows). */
function countedLoopCode(
  loop: CountedLoop,
  scan: Scan,
  fuel: Fuel,
  temps: number,
  bytes: Uint8Array,
  shift: LocalShift | undefined,
  o: FuelPassOptions,
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
  const lags = markCountLags(o.flagGlobal);
  writeBody(
    bytes,
    shift,
    loop.start,
    loop.end,
    (i) => traps[i]?.at,
    traps.map(() => lags),
    body,
  );
  return [...entry, ...body.result(), 0x05];
}

/** The entry charges callers pay for direct-only functions, and which are threaded. */
interface CallCosts {
  directOnly: (func: number) => boolean;
  /** Takes the counter as its last parameter and returns it as its last result. */
  threaded: (func: number) => boolean;
  /** Entry region count of each function (function index space). */
  entry: Map<number, number>;
  /** Some function of the module uses exception handling (no lazy counter then). */
  exceptions: boolean;
}

function materialise(
  ins: Insert,
  scan: Scan,
  fuel: Fuel | undefined,
  tmp: number,
  o: FuelPassOptions,
  entryPaid: boolean,
  calls: CallCosts,
): number[] {
  // The deferred entry charge (scanBody) in functions that keep the counter in a local.
  const defer = fuel !== undefined && fuel.cached && scan.counts[0] > 0 && !entryPaid;
  // Only a counter kept in a local alone can wait for its check (Insert.deferredCheck).
  const deferredCheck = ins.deferredCheck === true && fuel?.lazy === true;
  switch (ins.what) {
    case "region":
      // A threaded function's counter arrives as its parameter.
      if (ins.index === 0 && entryPaid) return fuel && !fuel.threaded ? reloadCounter(fuel) : [];
      if (defer && ins.index === 0) return deferredEntryCharge(fuel, scan.counts[0]);
      if (!fuel) return [];
      return staticCharge(fuel, scan.counts[ins.index], ins.index === 0, !deferredCheck);
    case "commit":
      return defer ? commitCharge(fuel) : [];
    case "callCharge": {
      const n = calls.entry.get(ins.index) ?? 0;
      return fuel && n > 0 ? staticCharge(fuel, n, false) : [];
    }
    case "reload":
      if (!fuel) return [];
      return calls.threaded(ins.index)
        ? afterThreadedCall(fuel, deferredCheck)
        : reloadCounter(fuel);
    case "flush":
      if (!fuel) return [];
      if (ins.index === FLUSH_RETURN) return beforeReturn(fuel);
      if (ins.index === FLUSH_TRAP) return flushCounter(fuel);
      return calls.threaded(ins.index) ? beforeThreadedCall(fuel) : beforeCall(fuel);
    case "memBulk":
      return fuel ? memoryBulkCharge(fuel, tmp) : [];
    case "tableBulk":
      return fuel ? tableBulkCharge(fuel, tmp) : [];
    case "memGrow":
    case "tableGrow": {
      const isMemory = ins.what === "memGrow";
      return growCheck({
        kind: isMemory ? "memory" : "table",
        index: ins.index,
        count: isMemory ? o.memoryCount : o.tableCount,
        tmp,
        cap: isMemory ? o.memoryCapPages : o.tableCap,
        flagGlobal: o.flagGlobal,
        fuel,
      });
    }
    case "countedLoop":
    case "countedLoopEnd":
    case "pairedLoop":
      return []; // rewriteBody writes these
  }
}

export interface RewrittenCode {
  /** The new content of the code section. */
  content: Uint8Array;
  /**
   * Functions (function index space, ascending) that keep the counter only in a local: after
   * a trap raised inside one of them the global may lag the true count (the lazy shape).
   */
  lazyFunctions: number[];
  /** Loops charged once at entry for all their iterations (counted-loops.ts). */
  countedLoops: number;
  /** Loops that check once per two iterations (pairedLoopCode). */
  pairedLoops: number;
  /**
   * Functions (ascending) that take the counter as a parameter: the caller has not stored the
   * count when one of them is entered, so after a stack overflow raised there it may lag too.
   */
  threadedFunctions: number[];
  /** Type entries to append and the new function section, when some function is threaded. */
  types?: { entries: number[][]; functionSection: Uint8Array };
}

export function rewriteCodeSection(
  bytes: Uint8Array,
  layout: ModuleLayout,
  code: Section,
  o: FuelPassOptions,
): RewrittenCode {
  const r = new Reader(bytes, code.contentStart, code.end);
  const count = r.u32();
  if (count !== layout.funcTypes.length) {
    throw new MalformedError("function and code section counts differ");
  }
  const resultTypes = resultBlockTypes(layout);
  // Direct-only functions (escaping.ts): in the default counter shape their callers pay their
  // entry charge, merged into the caller's region charge when the call is reached from it by
  // pure straight-line code, else charged right before the call.
  const escaping =
    o.fuelGlobal !== undefined && ["cached", "lazy"].includes(o.counter ?? "cached")
      ? escapingFunctions(bytes, layout)
      : undefined;
  const directOnly = (func: number) =>
    escaping !== undefined && func >= layout.importedFuncs && !escaping.has(func);
  // Threaded counter (lazy shape): a direct-only function takes the count as its last
  // parameter and returns it as its last result, so a call stores and loads no global. Not
  // for functions that tail-call or are tail-called (the types would differ), nor in modules
  // that catch exceptions (an unwound count would be lost).
  const signatures =
    o.counter === "lazy" && o.fuelGlobal !== undefined ? plainSignatures(layout) : undefined;
  const notThreaded = new Set<number>();
  // Decided after the first scan (it learns of tail calls and exceptions); empty until then.
  const threadedSet = new Set<number>();
  const threaded = (func: number) => threadedSet.has(func);
  // Two scans of every body: the first learns what callers need of their callees (entry counts,
  // exception handling anywhere), the second writes. Keeping every body's scan for one write
  // pass instead took ~115 MB more JS heap on CRuby, for a few percent less time.
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  const prepare = (i: number): Prepared => {
    const params = layout.typeParams[layout.funcTypes[i]];
    if (params === undefined || params < 0) {
      throw new MalformedError(`function ${i} has a non-function type`);
    }
    const funcIndex = layout.importedFuncs + i;
    return prepareBody(funcIndex, bytes, starts[i], ends[i], params, o, calls);
  };
  const calls: CallCosts = { directOnly, threaded, entry: new Map(), exceptions: false };
  let growReads = 0;
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    starts[i] = r.pos;
    r.skip(size);
    ends[i] = r.pos;
    const { funcIndex, scan } = prepare(i);
    if (scan.usesExceptions) calls.exceptions = true;
    if (directOnly(funcIndex)) calls.entry.set(funcIndex, scan.counts[0]);
    if (scan.tailCalls) notThreaded.add(funcIndex);
    for (const callee of scan.tailCallees) notThreaded.add(callee);
    growReads += growSizeReads(scan.inserts, o);
  }
  refuseCostlyGrowChecks(growReads, o);
  if (signatures && !calls.exceptions) {
    for (let i = 0; i < count; i++) {
      const func = layout.importedFuncs + i;
      const type = layout.funcTypes[i];
      if (!directOnly(func) || notThreaded.has(func)) continue;
      if (resultTypes[type] !== undefined && canThread(signatures[type])) threadedSet.add(func);
    }
  }
  const out = new Writer(Math.ceil((code.end - code.contentStart) * 1.5) + 16);
  out.u32(count);
  const lazyFunctions: number[] = [];
  const threadedFunctions: number[] = [];
  let countedLoops = 0;
  let pairedLoops = 0;
  for (let i = 0; i < count; i++) {
    const p = prepare(i);
    for (const m of p.scan.merged) p.scan.counts[m.region] += calls.entry.get(m.callee) ?? 0;
    const written = rewriteBody(p, bytes, resultTypes[layout.funcTypes[i]], o, calls, out);
    if (written.lazy) lazyFunctions.push(p.funcIndex);
    if (threaded(p.funcIndex)) threadedFunctions.push(p.funcIndex);
    countedLoops += written.countedLoops;
    pairedLoops += written.pairedLoops;
  }
  if (!r.done) throw new MalformedError("trailing bytes in the code section");
  const types =
    threadedFunctions.length > 0 && signatures
      ? threadedTypes(layout, signatures, (i) => threaded(layout.importedFuncs + i))
      : undefined;
  return {
    content: out.result(),
    lazyFunctions,
    countedLoops,
    pairedLoops,
    threadedFunctions,
    types: types && { entries: types.types, functionSection: types.functionSection },
  };
}
