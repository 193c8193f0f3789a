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
import { MalformedError, Reader, RefusedError, Writer, encodeU32 } from "./bytes";
import {
  growCheck,
  memoryBulkCharge,
  reloadCounter,
  staticCharge,
  tableBulkCharge,
  type Fuel,
} from "./charge-code";
import type { ModuleLayout, Section } from "./module-layout";
import { lastGrow, skipInstruction } from "./opcodes";

export interface FuelPassOptions {
  /** Global index of the fuel counter; undefined: do not meter, only add grow checks. */
  fuelGlobal: number | undefined;
  flagGlobal: number;
  memoryCapPages: bigint;
  tableCap: bigint | undefined;
  /**
   * Where charges keep the counter (the fuel count is the same in every mode): "global" only;
   * "scratch": the global, through an i64 local (one load per charge); "cached" (default):
   * like scratch, and functions with loops and no try keep a copy in that local.
   */
  counter?: "global" | "scratch" | "cached";
}

/** V8's (and the JS API spec's) limits on one function. */
const MAX_BODY_BYTES = 7_654_321;
const MAX_LOCALS = 50_000;

/** Code to insert at a byte offset of the body; materialised once the whole body is scanned. */
interface Insert {
  at: number;
  what: "region" | "reload" | "memBulk" | "tableBulk" | "memGrow" | "tableGrow";
  /** Region index (region), or memory / table index (grows). */
  index: number;
}

function skipLocalType(r: Reader): void {
  const b = r.byte();
  if (b === 0x63 || b === 0x64) r.skipLeb();
}

interface Scan {
  counts: number[];
  inserts: Insert[];
  hasLoop: boolean;
  hasTry: boolean;
  needTmp: boolean;
}

/** Scans the instructions of one body: region counts and where code goes. */
function scanBody(r: Reader, end: number, meter: boolean, o: FuelPassOptions): Scan {
  const scan: Scan = { counts: [0], inserts: [], hasLoop: false, hasTry: false, needTmp: false };
  const { counts, inserts } = scan;
  inserts.push({ at: r.pos, what: "region", index: 0 });
  const ctrl: number[] = [];
  let cur = 0;
  let closed = false;
  while (r.pos < end) {
    if (closed) throw new MalformedError(`code after the end of a function at byte ${r.pos}`);
    const at = r.pos;
    const kind = skipInstruction(r);
    switch (kind) {
      case "plain":
        counts[cur]++;
        break;
      case "call":
        counts[cur]++;
        if (meter) inserts.push({ at: r.pos, what: "reload", index: 0 });
        break;
      case "try":
        scan.hasTry = true;
        ctrl.push(cur);
        break;
      case "block":
        ctrl.push(cur);
        break;
      case "if":
        counts[cur]++;
        ctrl.push(cur);
        break;
      case "loop":
        scan.hasLoop = true;
        ctrl.push(cur);
        cur = counts.length;
        counts.push(0);
        inserts.push({ at: r.pos, what: "region", index: cur });
        break;
      case "middle":
        break;
      case "end":
      case "delegate":
        if (ctrl.length === 0) {
          if (kind === "delegate") throw new MalformedError(`stray delegate at byte ${at}`);
          closed = true;
        } else cur = ctrl.pop() as number;
        break;
      case "memBulk":
      case "tableBulk":
        counts[cur]++;
        if (meter) {
          scan.needTmp = true;
          inserts.push({ at, what: kind, index: 0 });
        }
        break;
      case "memGrow":
      case "tableGrow":
        counts[cur]++;
        if (meter || (kind === "memGrow" ? true : o.tableCap !== undefined)) {
          scan.needTmp = true;
          inserts.push({ at, what: kind, index: lastGrow.index });
        }
        break;
    }
  }
  if (!closed) throw new MalformedError(`function body without its final end at byte ${end}`);
  return scan;
}

/** Rewrites one function body (after its size) into `out`. */
function rewriteBody(
  funcIndex: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  params: number,
  o: FuelPassOptions,
  out: Writer,
): void {
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
  const scan = scanBody(r, end, meter, o);
  const mode = o.counter ?? "cached";
  const withLocal = meter && mode !== "global";
  const cached = withLocal && mode === "cached" && scan.hasLoop && !scan.hasTry;
  const fuel: Fuel | undefined = meter
    ? { global: o.fuelGlobal as number, local: withLocal ? locals : undefined, cached }
    : undefined;
  const tmp = locals + (withLocal ? 1 : 0);
  const code: number[][] = [];
  let extra = 0;
  for (const ins of scan.inserts) {
    const c = materialise(ins, scan, fuel, tmp, o);
    code.push(c);
    extra += c.length;
  }
  if (extra === 0) {
    out.u32(end - start);
    out.push(bytes.subarray(start, end));
    return;
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
  out.push(bytes.subarray(copied, end));
}

function materialise(
  ins: Insert,
  scan: Scan,
  fuel: Fuel | undefined,
  tmp: number,
  o: FuelPassOptions,
): number[] {
  switch (ins.what) {
    case "region":
      return fuel ? staticCharge(fuel, scan.counts[ins.index], ins.index === 0) : [];
    case "reload":
      return fuel ? reloadCounter(fuel) : [];
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
  const out = new Writer(Math.ceil((code.end - code.contentStart) * 1.5) + 16);
  out.u32(count);
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    const start = r.pos;
    r.skip(size);
    const params = layout.typeParams[layout.funcTypes[i]];
    if (params === undefined || params < 0) {
      throw new MalformedError(`function ${i} has a non-function type`);
    }
    rewriteBody(layout.importedFuncs + i, bytes, start, start + size, params, o, out);
  }
  if (!r.done) throw new MalformedError("trailing bytes in the code section");
  return out.result();
}
