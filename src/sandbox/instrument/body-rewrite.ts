// One function body through the fuel pass (fuel-pass.ts runs it over the code section): scan it
// (scan-body.ts), take its counter shape (counter-shape.ts) and its loops' shapes
// (loop-shape.ts), then write it with each insert's code (charge-code.ts, loop-code.ts) through
// the one body writer (local-shift.ts). What is charged is the contract in README.md.
import { Reader, encodeU32, type Writer } from "../wasm/reader";
import { RefusedError } from "./bytes";
import { readLocalDecls } from "../wasm/types";
import { scanBody } from "./scan-body";
import { FLUSH_RETURN, FLUSH_TRAP, type Insert, type Scan } from "./scan-result";
import { LocalShift, writeBody } from "./local-shift";
import { bodyCounter, type BodyCounter } from "./counter-shape";
import { planLoops } from "./loop-shape";
import { countedLoopCode, pairedLoopCode } from "./loop-code";
import {
  afterThreadedCall,
  beforeCall,
  beforeReturn,
  beforeThreadedCall,
  coldExitFrames,
  commitCharge,
  deferredEntryCharge,
  flushCounter,
  reloadCounter,
  staticCharge,
  type Fuel,
} from "./charge-code";
import { arrayBulkCharge, memoryBulkCharge, tableBulkCharge } from "./operand-charge";
import { growCheck } from "./grow-check";
import { gcAllocationCheck } from "./gc-cap";
import { OP } from "./emit-ops";
import type { FuelPassOptions } from "./fuel-pass";
import { groupDigits } from "../digits";
import {
  budgetAfterCall,
  budgetBeforeCall,
  budgetFrames,
  frameWeight,
  mergeRestores,
  planBudget,
  stackEntry,
  stackRestore,
  threadedStackEntry,
  type BodyBudget,
  type BudgetAt,
} from "./stack-budget";
import { threadedParams } from "./threading";

/** The shapes that keep a copy of the count in a local across the body (deferred entry charge). */
function keepsCopy(counter: BodyCounter): boolean {
  return counter === "cached" || counter === "lazy" || counter === "threaded";
}

/** V8's (and the JS API spec's) limits on one function. */
const MAX_BODY_BYTES = 7_654_321;
const MAX_LOCALS = 50_000;

/** One body, scanned (each pass of rewriteCodeSection scans it). */
export interface Prepared {
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

export function prepareBody(
  funcIndex: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  params: number,
  o: FuelPassOptions,
  calls: Pick<CallCosts, "directOnly" | "threaded">,
): Prepared {
  const r = new Reader(bytes, start, end);
  const { groups, groupsStart, locals } = readLocalDecls(r, params);
  const codeStart = r.pos;
  const scan = scanBody(bytes, r, end, {
    meter: o.fuelGlobal !== undefined,
    tableCap: o.tableCap,
    directOnly: calls.directOnly,
    threaded: calls.threaded,
    self: funcIndex,
    memory64: (i) => o.memory64[i] === true,
    table64: (i) => o.table64[i] === true,
    shiftLocalsFrom: calls.threaded(funcIndex) ? params : undefined,
  });
  return { funcIndex, start, end, groups, groupsStart, codeStart, locals, params, scan };
}

/** The locals a rewritten body declares after its own, as (count, type) pairs. */
function addedLocals(counter: boolean, scan: Scan, counted: boolean, budget: boolean): number[] {
  const decls: number[] = [];
  if (counter) decls.push(1, 0x7e);
  if (scan.needTmp) decls.push(1, 0x7f);
  if (counted) decls.push(2, 0x7e);
  if (scan.needTmp64) decls.push(1, 0x7e);
  if (budget) decls.push(1, 0x7f);
  return decls;
}

function refuseOverLimits(funcIndex: number, bodyBytes: number, locals: number): void {
  if (bodyBytes > MAX_BODY_BYTES || locals > MAX_LOCALS) {
    throw new RefusedError(
      "invalid_module",
      `function ${funcIndex} is too big to meter: with the fuel charges it would pass V8's limits ` +
        `(${groupDigits(MAX_BODY_BYTES)} bytes of code, ${groupDigits(MAX_LOCALS)} locals)`,
    );
  }
}

/**
 * Writes one prepared body (after its size) into `out`. Returns whether it keeps a lazy counter
 * and how many of its loops it charges at entry.
 */
export function rewriteBody(
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
    asked: o.counter,
    coldExit,
    threadedSignature: calls.threaded(funcIndex),
    moduleCatches: calls.exceptions,
    callFreeLoop: scan.callFreeLoop,
    hasLoop: scan.hasLoop,
    hasTry: scan.hasTry,
  });
  const withLocal = shape !== "none" && shape !== "global";
  const threaded = shape === "threaded";
  const fuel: Fuel | undefined =
    shape === "none"
      ? undefined
      : { counter: shape, global: o.fuelGlobal as number, local: threaded ? params : locals };
  // A threaded function's counter (and with a stack budget, its bytes left) are parameters
  // after its own: its locals move up past them.
  const gained = threaded ? threadedParams(o.stack !== undefined) : 0;
  const shift = threaded ? new LocalShift(bytes, scan.localRefs, params, gained) : undefined;
  const tmp = locals + (threaded ? gained : withLocal ? 1 : 0);
  // Each loop's charges where its shape puts them (loop-shape.ts).
  const plan = planLoops(scan, bytes, shape);
  const { inserts } = plan;
  const inCountedLoop = new Set(plan.counted.map((loop) => loop.region));
  const temps = tmp + (scan.needTmp ? 1 : 0);
  // The i64 scratch local of 64-bit bulk and grow operands, after every other local added.
  const tmp64 = temps + (plan.counted.length > 0 ? 2 : 0);
  const code: number[][] = [];
  let extra = 0;
  const entryPaid = calls.directOnly(funcIndex);
  // The counter as each insert sees it: with the cold exit, at that insert's label depth. One
  // object per body, its depth set per insert (a copy per insert was half the pass's time on
  // CRuby, most of it garbage collection).
  const atInsert: Fuel | undefined = coldExit && fuel ? { ...fuel, trapDepth: 0 } : fuel;
  // The stack budget's local comes after every other one added (a threaded function's is a
  // parameter instead).
  const saved = tmp64 + (scan.needTmp64 ? 1 : 0);
  const { budget, budgetAt } = planBodyBudget(p, bytes, o, threaded, saved);
  for (const ins of inserts) {
    // A counted loop's own charge sits one `if` deeper than the scan saw it.
    const deeper = ins.what === "region" && inCountedLoop.has(ins.index) ? 1 : 0;
    if (atInsert !== fuel && atInsert) atInsert.trapDepth = ins.depth + 1 + deeper;
    const c =
      ins.what === "countedLoop" && fuel
        ? countedLoopCode(scan.countedLoops[ins.index], scan, fuel, temps, bytes, shift, o.flagGlobal) // prettier-ignore
        : ins.what === "pairedLoop" && fuel
          ? pairedLoopCode(scan.loops[ins.index], scan, fuel, bytes, shift)
          : ins.what === "countedLoopEnd"
            ? [OP.end]
            : materialise(ins, scan, atInsert, ins.wide ? tmp64 : tmp, o, entryPaid, calls, budgetAt); // prettier-ignore
    code.push(c);
    extra += c.length;
  }
  const savedBudget = budget && !threaded;
  const restore = savedBudget && o.stack ? stackRestore(o.stack, saved) : [];
  if (budget && budgetAt) {
    const entry = budgetEntry(budget.weight, budgetAt, fuel && keepsCopy(fuel.counter) ? fuel : undefined); // prettier-ignore
    code[0] = [...code[0], ...entry];
    extra += entry.length;
  }
  if (extra === 0 && !threaded) {
    out.u32(end - start);
    out.push(bytes.subarray(start, end));
    return { lazy: false, countedLoops: 0, pairedLoops: 0 };
  }
  // The cold exit (charge-code.ts, coldExitFrames): a check is one br_if out of the body.
  const frames = coldExit
    ? coldExitFrames(fuel, resultType as number[], restore)
    : budget && o.stack
      ? budgetFrames(resultType, o.stack.signature(funcIndex).typeIndex, params, restore)
      : undefined;
  const suffix = frames ? frames.close : [];
  if (frames) {
    code[0] = [...frames.open, ...code[0]];
    extra += frames.open.length + suffix.length;
  }
  const ats = inserts.map((i) => i.at);
  const placed = savedBudget ? mergeRestores(ats, code, budget, restore) : { ats, codes: code };
  if (savedBudget) extra += restore.length * (budget.exits.length + budget.landings.length);
  if (shift) extra += shift.growth(codeStart, end);
  const newDecls = addedLocals(withLocal && !threaded, scan, plan.counted.length > 0, !!savedBudget); // prettier-ignore
  const groupHeader = encodeU32(groups + newDecls.length / 2);
  const size = groupHeader.length + (codeStart - groupsStart) + newDecls.length + (end - codeStart);
  // (A threaded function's counter and budget are parameters instead of declared locals.)
  const declared = newDecls.reduce((sum, n, i) => (i % 2 === 0 ? sum + n : sum), 0);
  refuseOverLimits(funcIndex, size + extra, locals + declared + gained);
  out.u32(size + extra);
  out.push(groupHeader);
  out.push(bytes.subarray(groupsStart, codeStart));
  out.push(newDecls);
  writeBody(bytes, shift, codeStart, end - 1, (i) => placed.ats[i], placed.codes, out);
  out.push(suffix);
  out.push(bytes.subarray(end - 1, end));
  const lazy = shape === "lazy" || threaded;
  return { lazy, countedLoops: plan.counted.length, pairedLoops: plan.paired };
}

/**
 * The stack budget of a body (stack-budget.ts): its weight, exits and landings (undefined for a
 * light leaf), and where it keeps the bytes left: a threaded function's last parameter, else
 * the local `saved`.
 */
function planBodyBudget(
  p: Prepared,
  bytes: Uint8Array,
  o: FuelPassOptions,
  threaded: boolean,
  saved: number,
): { budget: BodyBudget | undefined; budgetAt: BudgetAt | undefined } {
  if (!o.stack) return { budget: undefined, budgetAt: undefined };
  const { params } = o.stack.signature(p.funcIndex);
  const weight = frameWeight(params, bytes, p.groupsStart, p.groups);
  const budget = planBudget(bytes, p.codeStart, p.end, weight);
  const budgetAt: BudgetAt = threaded
    ? { kind: "param", s: o.stack, param: p.params + 1 }
    : { kind: "global", s: o.stack, saved, weight: budget ? budget.weight : 0 };
  return { budget, budgetAt };
}

/** The entry check, after the entry charge (`copy`: where the counter is kept in a local). */
function budgetEntry(weight: number, at: BudgetAt, copy: Fuel | undefined): number[] {
  return at.kind === "param"
    ? threadedStackEntry(at.s, weight, at.param, copy)
    : stackEntry(at.s, weight, at.saved, copy);
}

/** The entry charges callers pay for direct-only functions, and which are threaded. */
export interface CallCosts {
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
  budgetAt: BudgetAt | undefined,
): number[] {
  // The deferred entry charge (deferred-entry.ts) in functions that keep the counter in a local.
  const defer = fuel !== undefined && keepsCopy(fuel.counter) && scan.counts[0] > 0 && !entryPaid;
  // Only a counter kept in a local alone can wait for its check (Insert.deferredCheck).
  const deferredCheck =
    ins.deferredCheck === true && (fuel?.counter === "lazy" || fuel?.counter === "threaded");
  switch (ins.what) {
    case "region":
      // A threaded function's counter arrives as its parameter.
      if (ins.index === 0 && entryPaid) {
        return fuel && fuel.counter !== "threaded" ? reloadCounter(fuel) : [];
      }
      if (defer && ins.index === 0) return deferredEntryCharge(fuel, scan.counts[0]);
      if (!fuel) return [];
      return staticCharge(fuel, scan.counts[ins.index], ins.index === 0, !deferredCheck);
    case "commit":
      return defer ? commitCharge(fuel) : [];
    case "callCharge": {
      const n = calls.entry.get(ins.index) ?? 0;
      return fuel && n > 0 ? staticCharge(fuel, n, false) : [];
    }
    case "reload": {
      if (!fuel) return [];
      const toThreaded = calls.threaded(ins.index);
      const budget = budgetAt ? budgetAfterCall(budgetAt, toThreaded) : [];
      return toThreaded
        ? [...afterThreadedCall(fuel, deferredCheck), ...budget]
        : reloadCounter(fuel);
    }
    case "flush": {
      if (!fuel) return [];
      if (ins.index === FLUSH_RETURN) return beforeReturn(fuel);
      if (ins.index === FLUSH_TRAP) return flushCounter(fuel);
      const toThreaded = calls.threaded(ins.index);
      const budget = budgetAt ? budgetBeforeCall(budgetAt, toThreaded) : [];
      return toThreaded
        ? [...beforeThreadedCall(fuel), ...budget]
        : [...beforeCall(fuel), ...budget];
    }
    case "memBulk":
      return fuel ? memoryBulkCharge(fuel, tmp, ins.wide) : [];
    case "tableBulk":
      return fuel ? tableBulkCharge(fuel, tmp, ins.wide) : [];
    case "arrayBulk":
      return fuel ? arrayBulkCharge(fuel, tmp) : [];
    case "gcAlloc":
      return o.gc ? gcAllocationCheck(o.gc, ins.index, ins.elements, tmp, fuel) : [];
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
        is64: isMemory ? o.memory64 : o.table64,
      });
    }
    case "countedLoop":
    case "countedLoopEnd":
    case "pairedLoop":
      return []; // rewriteBody writes these
  }
}
