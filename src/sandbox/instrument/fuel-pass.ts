// The fuel pass (and the grow checks of the memory-cap pass) over the code section: what is
// charged, and when, is the cost model in README.md (the contract); this file runs the module-wide
// part (which functions' entry charges their callers pay, which take the counter as a
// parameter) and body-rewrite.ts each body. README.md's table says where each shape is decided
// and emitted, and what it costs.
import { MalformedError, Reader, Writer } from "../wasm/reader";
import { growSizeReads, refuseCostlyGrowChecks } from "./grow-check";
import type { ModuleLayout, Section } from "./module-layout";
import { escapingFunctions } from "./escaping";
import { resultBlockTypes } from "./result-types";
import { canThread, plainSignatures, threadedTypes } from "./threading";
import type { FuelCounterShape } from "./counter-shape";
import type { GcCap } from "./gc-cap";
import type { StackBudgetOptions } from "./stack-budget";
import { prepareBody, rewriteBody, type CallCosts, type Prepared } from "./body-rewrite";

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
  /** Where charges keep the counter (counter-shape.ts, moduleCounter decides it). */
  counter: FuelCounterShape;
  /** The GC allocation cap (gc-cap.ts). */
  gc: GcCap | undefined;
  /** By memory (table) index, imports first: 64-bit (memory64, table64). */
  memory64: readonly boolean[];
  table64: readonly boolean[];
  /** The stack budget (stack-budget.ts); undefined: none (unmetered). */
  stack?: StackBudgetOptions;
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
  /** Loops that check once per two iterations (loop-code.ts, pairedLoopCode). */
  pairedLoops: number;
  /** GC allocations checked against the cap (the module then needs the cap's global). */
  gcAllocations: number;
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
    o.fuelGlobal !== undefined && (o.counter === "cached" || o.counter === "lazy")
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
  let gcAllocations = 0;
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    starts[i] = r.pos;
    r.skip(size);
    ends[i] = r.pos;
    const { funcIndex, scan } = prepare(i);
    if (scan.usesExceptions) calls.exceptions = true;
    gcAllocations += scan.gcAllocations;
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
      ? threadedTypes(layout, signatures, (i) => threaded(layout.importedFuncs + i), !!o.stack)
      : undefined;
  return {
    content: out.result(),
    lazyFunctions,
    countedLoops,
    pairedLoops,
    gcAllocations,
    threadedFunctions,
    types: types && { entries: types.types, functionSection: types.functionSection },
  };
}
