// The fuel pass (and the grow checks of the memory-cap pass), done on the code section's bytes.
//
// Cost model (DESIGN.md, "Fuel semantics"), on the instructions of the binary as written:
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
// made recursive code slower (fib 1.3 → 2.0), so those functions keep the cached shape.
import { MalformedError, Reader, RefusedError, Writer, encodeU32 } from "./bytes";
import {
  commitCharge,
  deferredEntryCharge,
  flushCounter,
  growCheck,
  memoryBulkCharge,
  reloadCounter,
  staticCharge,
  tableBulkCharge,
  type Fuel,
} from "./charge-code";
import type { ModuleLayout, Section } from "./module-layout";
import { lastGrow, skipInstruction } from "./opcodes";
import { escapingFunctions } from "./escaping";
import { resultBlockTypes } from "./result-types";

export interface FuelPassOptions {
  /** Global index of the fuel counter; undefined: do not meter, only add grow checks. */
  fuelGlobal: number | undefined;
  flagGlobal: number;
  memoryCapPages: bigint;
  tableCap: bigint | undefined;
  /**
   * Where charges keep the counter (the fuel count is the same in every mode): "global" only;
   * "scratch": the global, through an i64 local (one load per charge); "cached" (default):
   * like scratch, and functions with loops and no try keep a copy in that local (and defer
   * their entry charge's store and check, see scanBody); "lazy": like cached, but in modules
   * that catch no exception, a function with loops that make no call keeps the counter only in
   * the local and stores it to the global before calls and returns and on exhaustion. The
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

/** Code to insert at a byte offset of the body; materialised once the whole body is scanned. */
interface Insert {
  at: number;
  what:
    | "region"
    | "reload"
    | "commit"
    | "callCharge"
    | "flush"
    | "memBulk"
    | "tableBulk"
    | "memGrow"
    | "tableGrow";
  /** Region index (region), memory / table index (grows), callee (callCharge). */
  index: number;
  /** Control frames open at `at` (not counting the function's own). */
  depth: number;
}

function skipLocalType(r: Reader): void {
  const b = r.byte();
  if (b === 0x63 || b === 0x64) r.skipLeb();
}

interface Scan {
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
function scanBody(
  bytes: Uint8Array,
  r: Reader,
  end: number,
  meter: boolean,
  o: FuelPassOptions,
  directOnly: (func: number) => boolean,
  self: number,
): Scan {
  const scan: Scan = {
    counts: [0],
    inserts: [],
    hasLoop: false,
    callFreeLoop: false,
    hasTry: false,
    usesExceptions: false,
    needTmp: false,
    merged: [],
  };
  // Only pure, non-branching instructions since the start of the current region.
  let straight = true;
  const { counts, inserts } = scan;
  inserts.push({ at: r.pos, what: "region", index: 0, depth: 0 });
  const ctrl: number[] = [];
  // Parallel to ctrl: whether the frame is a loop; and for each open loop, whether it calls
  // (a loop that calls makes its enclosing loop one that calls when it closes).
  const isLoop: boolean[] = [];
  const loopCalls: boolean[] = [];
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
  while (r.pos < end) {
    if (closed) throw new MalformedError(`code after the end of a function at byte ${r.pos}`);
    const at = r.pos;
    const kind = skipInstruction(r);
    if (pending) {
      const op = bytes[at];
      let pure: boolean;
      if (op === 0x0c || op === 0x0d) {
        pure = new Reader(bytes, at + 1, end).u32() < frames.length;
      } else if (op === 0x0e) {
        const t = new Reader(bytes, at + 1, end);
        const n = t.u32();
        pure = true;
        for (let i = 0; i <= n; i++) if (t.u32() >= frames.length) pure = false;
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
      branchTo(new Reader(bytes, at + 1, end).u32());
      pending = false;
    } else if (op === 0x0d) {
      branchTo(new Reader(bytes, at + 1, end).u32());
    } else if (op === 0x0e) {
      const t = new Reader(bytes, at + 1, end);
      const n = t.u32();
      for (let i = 0; i <= n; i++) branchTo(t.u32());
      pending = false;
    }
    if (op === 0x06 || op === 0x1f || (op >= 0x08 && op <= 0x0a)) scan.usesExceptions = true;
    switch (kind) {
      case "plain":
        counts[cur]++;
        if (meter && (op === 0x0f || op === 0x12 || op === 0x13 || op === 0x15)) {
          // return_call: the direct-only callee's entry is paid here, as for a call.
          const callee = op === 0x12 ? new Reader(bytes, at + 1, end).u32() : -1;
          if (callee >= 0 && directOnly(callee)) {
            inserts.push({ at, what: "callCharge", index: callee, depth: ctrl.length });
          }
          inserts.push({ at, what: "flush", index: 0, depth: ctrl.length });
        }
        break;
      case "call":
        counts[cur]++;
        if (meter && op === 0x10) {
          const callee = new Reader(bytes, at + 1, end).u32();
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
        // opcodes.ts files br, br_if, throw and rethrow with the calls (same immediate). A
        // branch calls nothing and leaves the copy equal to the global: no flush, no reload.
        if ((op === 0x10 || op === 0x11 || op === 0x14) && loopCalls.length > 0) {
          loopCalls[loopCalls.length - 1] = true;
        }
        if (meter && (op === 0x10 || op === 0x11 || op === 0x14)) {
          inserts.push({ at, what: "flush", index: 0, depth: ctrl.length });
        }
        if (meter && op !== 0x0c && op !== 0x0d) {
          inserts.push({ at: r.pos, what: "reload", index: 0, depth: ctrl.length });
        }
        break;
      case "try":
        scan.hasTry = true;
        ctrl.push(cur);
        isLoop.push(false);
        break;
      case "block":
        ctrl.push(cur);
        isLoop.push(false);
        break;
      case "if":
        counts[cur]++;
        ctrl.push(cur);
        isLoop.push(false);
        break;
      case "loop":
        scan.hasLoop = true;
        ctrl.push(cur);
        isLoop.push(true);
        loopCalls.push(false);
        cur = counts.length;
        counts.push(0);
        inserts.push({ at: r.pos, what: "region", index: cur, depth: ctrl.length });
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
          cur = ctrl.pop() as number;
          if (isLoop.pop()) {
            const called = loopCalls.pop() as boolean;
            if (!called) scan.callFreeLoop = true;
            else if (loopCalls.length > 0) loopCalls[loopCalls.length - 1] = true;
          }
        }
        break;
      case "memBulk":
      case "tableBulk":
        counts[cur]++;
        if (meter) {
          scan.needTmp = true;
          inserts.push({ at, what: kind, index: 0, depth: ctrl.length });
        }
        break;
      case "memGrow":
      case "tableGrow":
        counts[cur]++;
        if (meter || (kind === "memGrow" ? true : o.tableCap !== undefined)) {
          scan.needTmp = true;
          inserts.push({ at, what: kind, index: lastGrow.index, depth: ctrl.length });
        }
        break;
    }
  }
  if (!closed) throw new MalformedError(`function body without its final end at byte ${end}`);
  return scan;
}

/** Rewrites one function body (after its size) into `out`. */
/** One body, scanned (first pass of rewriteCodeSection). */
interface Prepared {
  funcIndex: number;
  start: number;
  end: number;
  groups: number;
  groupsStart: number;
  codeStart: number;
  locals: number;
  scan: Scan;
}

function prepareBody(
  funcIndex: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  params: number,
  o: FuelPassOptions,
  directOnly: (func: number) => boolean,
): Prepared {
  const r = new Reader(bytes, start, end);
  const groups = r.u32();
  const groupsStart = r.pos;
  let locals = params;
  for (let i = 0; i < groups; i++) {
    locals += r.u32();
    skipLocalType(r);
  }
  const codeStart = r.pos;
  const meter = o.fuelGlobal !== undefined;
  const scan = scanBody(bytes, r, end, meter, o, directOnly, funcIndex);
  return { funcIndex, start, end, groups, groupsStart, codeStart, locals, scan };
}

/** Writes one prepared body (after its size) into `out`. */
function rewriteBody(
  p: Prepared,
  bytes: Uint8Array,
  resultType: readonly number[] | undefined,
  o: FuelPassOptions,
  calls: CallCosts,
  out: Writer,
): void {
  const { funcIndex, start, end, groups, groupsStart, codeStart, locals, scan } = p;
  const meter = o.fuelGlobal !== undefined;
  const mode = o.counter ?? "cached";
  const withLocal = meter && mode !== "global";
  const coldExit = meter && withLocal && resultType !== undefined;
  // Lazy needs the cold exit (it stores the counter there) and no exception that could unwind
  // the function with the count only in its local; otherwise the function uses "cached".
  // Only where it pays: a function whose every loop calls stores the counter before each call
  // anyway, and the store at every return costs recursive code dearly.
  const lazy = mode === "lazy" && coldExit && !calls.exceptions && scan.callFreeLoop;
  const cached = lazy || (withLocal && mode !== "scratch" && scan.hasLoop && !scan.hasTry);
  const fuel: Fuel | undefined = meter
    ? { global: o.fuelGlobal as number, local: withLocal ? locals : undefined, cached, lazy }
    : undefined;
  const tmp = locals + (withLocal ? 1 : 0);
  const code: number[][] = [];
  let extra = 0;
  const entryPaid = calls.directOnly(funcIndex);
  for (const ins of scan.inserts) {
    const c = materialise(
      ins,
      scan,
      coldExit && fuel ? { ...fuel, trapDepth: ins.depth + 1 } : fuel,
      tmp,
      o,
      entryPaid,
      calls,
    );
    code.push(c);
    extra += c.length;
  }
  if (extra === 0) {
    out.u32(end - start);
    out.push(bytes.subarray(start, end));
    return;
  }
  // Cold exit: block $exit (block $body (result …) BODY end return end unreachable), so a
  // fuel check is one br_if to $exit, off the straight path; branches to the function's label
  // now target $body, which returns.
  const flush = fuel ? flushCounter(fuel) : [];
  const suffix = coldExit ? [0x0b, ...flush, 0x0f, 0x0b, ...flush, 0x00] : [];
  if (coldExit) {
    code[0] = [0x02, 0x40, 0x02, ...(resultType as number[]), ...code[0]];
    extra += 3 + (resultType as number[]).length + suffix.length;
  }
  const newDecls: number[] = [];
  if (withLocal) newDecls.push(1, 0x7e);
  if (scan.needTmp) newDecls.push(1, 0x7f);
  const groupHeader = encodeU32(groups + newDecls.length / 2);
  const size = groupHeader.length + (codeStart - groupsStart) + newDecls.length + (end - codeStart);
  if (size + extra > MAX_BODY_BYTES || locals + newDecls.length / 2 > MAX_LOCALS) {
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
  let copied = codeStart;
  for (let i = 0; i < code.length; i++) {
    const at = scan.inserts[i].at;
    out.push(bytes.subarray(copied, at));
    out.push(code[i]);
    copied = at;
  }
  out.push(bytes.subarray(copied, end - 1));
  out.push(suffix);
  out.push(bytes.subarray(end - 1, end));
}

/** The entry charges callers pay for direct-only functions. */
interface CallCosts {
  directOnly: (func: number) => boolean;
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
  switch (ins.what) {
    case "region":
      if (ins.index === 0 && entryPaid) return fuel ? reloadCounter(fuel) : [];
      if (defer && ins.index === 0) return deferredEntryCharge(fuel, scan.counts[0]);
      return fuel ? staticCharge(fuel, scan.counts[ins.index], ins.index === 0) : [];
    case "commit":
      return defer ? commitCharge(fuel) : [];
    case "callCharge": {
      const n = calls.entry.get(ins.index) ?? 0;
      return fuel && n > 0 ? staticCharge(fuel, n, false) : [];
    }
    case "reload":
      return fuel ? reloadCounter(fuel) : [];
    case "flush":
      return fuel ? flushCounter(fuel) : [];
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
        tmp,
        cap: isMemory ? o.memoryCapPages : o.tableCap,
        flagGlobal: o.flagGlobal,
        fuel,
      });
    }
  }
}

/** Returns the new content of the code section. */
export function rewriteCodeSection(
  bytes: Uint8Array,
  layout: ModuleLayout,
  code: Section,
  o: FuelPassOptions,
): Uint8Array {
  const r = new Reader(bytes, code.contentStart, code.end);
  const count = r.u32();
  if (count !== layout.funcTypes.length) {
    throw new MalformedError("function and code section counts differ");
  }
  const resultTypes = resultBlockTypes(bytes, layout);
  // Direct-only functions (escaping.ts): in the default counter shape their callers pay their
  // entry charge, merged into the caller's region charge when the call is reached from it by
  // pure straight-line code, else charged right before the call.
  const escaping =
    o.fuelGlobal !== undefined && ["cached", "lazy"].includes(o.counter ?? "cached")
      ? escapingFunctions(bytes, layout)
      : undefined;
  const directOnly = (func: number) =>
    escaping !== undefined && func >= layout.importedFuncs && !escaping.has(func);
  const prepared: Prepared[] = [];
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    const start = r.pos;
    r.skip(size);
    const params = layout.typeParams[layout.funcTypes[i]];
    if (params === undefined || params < 0) {
      throw new MalformedError(`function ${i} has a non-function type`);
    }
    const funcIndex = layout.importedFuncs + i;
    prepared.push(prepareBody(funcIndex, bytes, start, start + size, params, o, directOnly));
  }
  const calls: CallCosts = {
    directOnly,
    entry: new Map(),
    exceptions: prepared.some((p) => p.scan.usesExceptions),
  };
  for (const p of prepared) {
    if (directOnly(p.funcIndex)) calls.entry.set(p.funcIndex, p.scan.counts[0]);
  }
  for (const p of prepared) {
    for (const m of p.scan.merged) p.scan.counts[m.region] += calls.entry.get(m.callee) ?? 0;
  }
  const out = new Writer(Math.ceil((code.end - code.contentStart) * 1.5) + 16);
  out.u32(count);
  for (let i = 0; i < count; i++) {
    rewriteBody(prepared[i], bytes, resultTypes[layout.funcTypes[i]], o, calls, out);
  }
  if (!r.done) throw new MalformedError("trailing bytes in the code section");
  return out.result();
}
