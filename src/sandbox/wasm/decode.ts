// Reads one instruction by the opcode table (opcodes.ts): its opcode, its immediates, and the
// few immediates its clients act on. The walk over a body belongs to each client (the fuel
// pass, the inspector); this only decodes. Flat and allocation-free: the caller owns the
// Instr it reads into, so a body of a million instructions allocates nothing here.
import { IMM, PREFIXED, SINGLE, type OpInfo } from "./opcodes";
import { Reader } from "./reader";
import { skipValType } from "./types";

const REF_NULL = 0x63;
const REF = 0x64;

/** One decoded instruction. */
export interface Instr {
  /** The first byte (a prefix for 0xFB…0xFE). */
  op: number;
  /** The sub-opcode of a prefixed instruction, -1 otherwise. */
  sub: number;
  /** Where the immediates start (after the opcode and any sub-opcode). */
  immAt: number;
  /**
   * The first immediate: the index or label of u32 shapes (a grow's memory or table, a call's
   * callee, a branch's depth, a local's index), the align flags of a memarg, the target count
   * of br_table, a try_table catch kind it does not know.
   */
  a: number;
  /** The second u32 (call_indirect's table, …); a memarg's memory index. */
  b: number;
}

export function newInstr(): Instr {
  return { op: 0, sub: -1, immAt: 0, a: 0, b: 0 };
}

function skipBlockType(r: Reader): void {
  const b = r.peek();
  if (b === REF_NULL || b === REF) {
    r.byte();
    r.skipLeb(5); // the heap type
  } else r.skipLeb(5); // 0x40, a one-byte value type, or an s33 type index
}

function memarg(r: Reader, ins: Instr): void {
  const align = r.u32();
  ins.a = align;
  ins.b = align & 0x40 ? r.u32() : 0; // multi-memory: the memory index follows
  r.skipLeb(); // offset
}

/** try_table's catch clauses; false at a catch kind it does not know (left in ins.a). */
function tryTableCatches(r: Reader, ins: Instr): boolean {
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const kind = r.byte();
    if (kind > 3) {
      ins.a = kind;
      return false;
    }
    if (kind <= 1) r.u32(); // catch / catch_ref: the tag
    r.u32(); // the label
  }
  return true;
}

/**
 * Reads the instruction at r.pos into `ins`, leaving r.pos after its immediates, and returns
 * its table entry; undefined for an opcode the table does not have (then r.pos is after the
 * opcode and sub-opcode, and describeUnknown names it). Malformed bytes throw MalformedError.
 */
export function decodeInstruction(r: Reader, ins: Instr): OpInfo | undefined {
  const op = r.byte();
  ins.op = op;
  let info: OpInfo | undefined;
  if (op >= 0xfb && op <= 0xfe) {
    const sub = r.u32();
    ins.sub = sub;
    info = PREFIXED[op - 0xfb][sub];
  } else {
    ins.sub = -1;
    info = SINGLE[op];
  }
  ins.immAt = r.pos;
  if (info === undefined) return undefined;
  switch (info.imm) {
    case IMM.none:
      break;
    case IMM.u32:
      ins.a = r.u32();
      break;
    case IMM.u32x2:
      ins.a = r.u32();
      ins.b = r.u32();
      break;
    case IMM.blockType:
      skipBlockType(r);
      break;
    case IMM.memarg:
      memarg(r, ins);
      break;
    case IMM.memargLane:
      memarg(r, ins);
      r.skip(1);
      break;
    case IMM.brTable: {
      const n = r.u32();
      ins.a = n;
      for (let i = 0; i <= n; i++) r.u32();
      break;
    }
    case IMM.selectTypes: {
      const n = r.u32();
      for (let i = 0; i < n; i++) skipValType(r);
      break;
    }
    case IMM.tryTable:
      skipBlockType(r);
      if (!tryTableCatches(r, ins)) return undefined;
      break;
    case IMM.s32:
    case IMM.heapType:
      r.skipLeb(5);
      break;
    case IMM.s64:
      r.skipLeb(10);
      break;
    case IMM.f32:
      r.skip(4);
      break;
    case IMM.f64:
      r.skip(8);
      break;
    case IMM.v128:
      r.skip(16);
      break;
    case IMM.byte:
      r.skip(1);
      break;
    case IMM.brOnCast:
      r.skip(1); // cast flags
      ins.a = r.u32();
      r.skipLeb(5);
      r.skipLeb(5);
      break;
  }
  return info;
}

/** The instruction decodeInstruction just returned undefined for, as a message names it. */
export function describeUnknown(ins: Instr): string {
  const { op, sub } = ins;
  if (op === 0x1f) return `try_table catch kind ${ins.a}`;
  if (op === 0xfc) return `instruction 0xfc ${sub}`;
  if (op === 0xfd) return `SIMD instruction 0xfd ${sub}`;
  if (op === 0xfe) return `atomic instruction 0xfe ${sub}`;
  if (op === 0xfb) return `GC instruction 0xfb ${sub}`;
  if (op >= 0xe0 && op <= 0xe6) return `stack-switching instruction 0x${op.toString(16)}`;
  return `opcode 0x${op.toString(16)}`;
}

/** The targets of the br_table `ins` decoded in `bytes` (labels, the default last). */
export function brTableTargets(
  bytes: Uint8Array,
  ins: Instr,
  visit: (depth: number) => void,
): void {
  const r = new Reader(bytes, ins.immAt);
  const n = r.u32();
  for (let i = 0; i <= n; i++) visit(r.u32());
}

/** The label of every catch clause of the try_table `ins` decoded in `bytes`, in order. */
export function tryTableCatchLabels(
  bytes: Uint8Array,
  ins: Instr,
  visit: (label: number) => void,
): void {
  const r = new Reader(bytes, ins.immAt);
  const b = r.peek();
  if (b === REF_NULL || b === REF) r.byte(); // a (ref null? t) block type: its heap type follows
  r.skipLeb(5);
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const kind = r.byte();
    if (kind <= 1) r.u32(); // catch / catch_ref: the tag
    visit(r.u32());
  }
}
