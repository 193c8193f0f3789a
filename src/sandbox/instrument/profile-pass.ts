// The profile pass: run on the fuel pass's output (in the "scratch" counter shape, where the
// fuel global is exact after every charge), it gives every function body two calls into the
// host, which keeps a shadow call stack and attributes the fuel spent between two calls to
// the function on top of it (profile/recorder.ts). It adds instructions the fuel pass never
// sees, so a profiled run consumes the same fuel as an ordinary one; an ordinary run never
// goes through this pass, so its bytes are unchanged.
//
// Each body becomes
//   local.set $depth (enter(funcIndex, consumed))    ;; the stack's length after the push
//   block (result …) BODY end                         ;; `return` → br to this block
//   settle($depth - 1, consumed)                      ;; pop
// plus settle($depth - 1) before each tail call (the callee becomes a sibling, as in other
// profilers) and settle($depth) where a caught exception lands (`catch`, `catch_all`, the
// labels of try_table's clauses), so the frames an exception unwound leave the stack and the
// fuel they spent stays theirs. A trap needs nothing: the run ends, and the host gives the
// rest of the count to the function on top. `consumed` is (budget - fuel global) as an f64:
// exact below 2^53 units of fuel (about a hundred days of run time).
//
// The hooks are called through a table the pass appends (so no function index moves) and the
// runner fills with the host's functions before anything runs (PROFILE_HOOKS_EXPORT).
import { MalformedError, Reader, Writer, encodeS64, encodeU32 } from "../wasm/reader";
import { decodeInstruction, newInstr, tryTableCatchLabels } from "../wasm/decode";
import { readLocalDecls } from "../wasm/types";
import { PROFILE_ENTER_SLOT, PROFILE_SETTLE_SLOT } from "./abi";
import type { ModuleLayout } from "./module-layout";
import { resultBlockTypes } from "./result-types";

const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  try: 0x06,
  catch: 0x07,
  end: 0x0b,
  return: 0x0f,
  returnCall: 0x12,
  returnCallIndirect: 0x13,
  returnCallRef: 0x15,
  delegate: 0x18,
  catchAll: 0x19,
  tryTable: 0x1f,
} as const;

export interface ProfilePassOptions {
  fuelGlobal: number;
  /** The fuel global's start value: consumed = budget - global. */
  budget: bigint;
  /** Index the hook table gets (after every table of the module). */
  table: number;
}

export interface ProfiledCode {
  content: Uint8Array;
  /** Type entries to append (the hooks' types, block types for multi-value results). */
  types: number[][];
}

/** The code section's content (as the fuel pass wrote it) with the profile hooks. */
export function addProfileHooks(
  code: Uint8Array,
  layout: ModuleLayout,
  o: ProfilePassOptions,
): ProfiledCode {
  const types: number[][] = [];
  const typeIndex = (entry: number[]): number => {
    const key = entry.join(",");
    const found = types.findIndex((t) => t.join(",") === key);
    if (found >= 0) return layout.types.length + found;
    types.push(entry);
    return layout.types.length + types.length - 1;
  };
  const enterType = typeIndex([0x60, 2, 0x7f, 0x7c, 1, 0x7f]);
  const settleType = typeIndex([0x60, 2, 0x7f, 0x7c, 0]);
  const consumed = [0x42, ...encodeS64(o.budget), 0x23, ...encodeU32(o.fuelGlobal), 0x7d, 0xb9];
  const callHook = (slot: number, type: number) => [
    ...consumed,
    0x41,
    slot,
    0x11,
    ...encodeU32(type),
    ...encodeU32(o.table),
  ];
  const blockTypes = resultBlockTypes(layout);
  const r = new Reader(code);
  const count = r.u32();
  const out = new Writer(Math.ceil(code.length * 1.3) + 16);
  out.u32(count);
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    const end = r.pos + size;
    const typeIdx = layout.funcTypes[i];
    const type = layout.types[typeIdx];
    if (type?.form !== "func") throw new MalformedError(`function ${i} has a non-function type`);
    const blockType =
      blockTypes[typeIdx] ?? encodeS33(typeIndex([0x60, 0, type.resultCount, ...type.results]));
    const body = profileBody(code, r.pos, end, type.paramCount, {
      funcIndex: layout.importedFuncs + i,
      blockType,
      enter: callHook(PROFILE_ENTER_SLOT, enterType),
      settle: callHook(PROFILE_SETTLE_SLOT, settleType),
    });
    out.u32(body.length);
    out.push(body);
    r.pos = end;
  }
  if (!r.done) throw new MalformedError("trailing bytes in the code section");
  return { content: out.result(), types };
}

interface BodyHooks {
  funcIndex: number;
  blockType: readonly number[];
  /** consumed, slot, call_indirect: expects the function index below it, leaves the depth. */
  enter: readonly number[];
  /** consumed, slot, call_indirect: expects the stack length to keep below it. */
  settle: readonly number[];
}

function profileBody(
  bytes: Uint8Array,
  start: number,
  end: number,
  params: number,
  h: BodyHooks,
): Uint8Array {
  const r = new Reader(bytes, start, end);
  const { groups, groupsStart, locals } = readLocalDecls(r, params);
  const depthLocal = encodeU32(locals);
  const w = new Writer(end - start + 64);
  w.u32(groups + 1);
  w.push(bytes.subarray(groupsStart, r.pos));
  w.push([1, 0x7f]);
  w.push([0x41, ...encodeS32(h.funcIndex), ...h.enter, 0x21, ...depthLocal]);
  w.push([OP.block, ...h.blockType]);
  const pop = [0x20, ...depthLocal, 0x41, 1, 0x6b, ...h.settle];
  const land = [0x20, ...depthLocal, ...h.settle];
  // The body's bytes are copied in runs, up to where something is inserted (most instructions
  // are kept as they are; copying each on its own was most of this pass's time on CRuby).
  let copied = r.pos;
  const copyTo = (to: number) => {
    if (to > copied) w.push(bytes.subarray(copied, to));
    copied = to;
  };
  // Open structures inside the body; `true` where an `end` is a catch's landing (try_table).
  const open: boolean[] = [];
  const ins = newInstr();
  for (;;) {
    const at = r.pos;
    const info = decodeInstruction(r, ins);
    if (info === undefined)
      throw new MalformedError(`unknown instruction at byte 0x${at.toString(16)}`);
    const op = ins.op;
    if (op === OP.end && open.length === 0) {
      if (!r.done) throw new MalformedError("bytes after a function's end");
      copyTo(at);
      w.push([OP.end, ...pop, OP.end]);
      return w.result();
    }
    if (op === OP.return) {
      copyTo(at);
      w.push([0x0c, ...encodeU32(open.length)]); // br to the wrapper block
      copied = r.pos;
      continue;
    }
    if (op === OP.returnCall || op === OP.returnCallIndirect || op === OP.returnCallRef) {
      copyTo(at);
      w.push(pop);
    }
    if (op === OP.block || op === OP.loop || op === OP.if || op === OP.try) open.push(false);
    else if (op === OP.tryTable) {
      tryTableCatchLabels(bytes, ins, (label) => {
        // A catch's labels are those around the try_table (label 0 is open's last before the
        // try_table is pushed); the catch lands after that block's end. (A catch that branches
        // to a loop's start is settled at that loop's end: until then the fuel goes to the
        // frame that threw. One to the function's label lands where the wrapper settles.)
        const target = open.length - 1 - label;
        if (target >= 0) open[target] = true;
      });
      open.push(false);
    } else if (op === OP.end || op === OP.delegate) {
      if (open.pop()) {
        copyTo(r.pos);
        w.push(land);
      }
    } else if (op === OP.catch || op === OP.catchAll) {
      copyTo(r.pos);
      w.push(land);
    }
  }
}

function encodeS32(value: number): number[] {
  return encodeS64(BigInt(value));
}

/** A type index as a block type (s33). */
function encodeS33(value: number): number[] {
  return encodeS64(BigInt(value));
}
