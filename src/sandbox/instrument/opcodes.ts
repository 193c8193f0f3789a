// Decodes one instruction of a function body: skips its immediates and says what kind of
// instruction it was, which is all the fuel pass needs. Opcodes follow the core spec 2.0 plus the
// proposals V8 ships (exceptions legacy + exnref, tail calls, function references, relaxed SIMD,
// threads, multi-memory). Anything else — GC (0xFB), stack switching, FP16, memory64 forms — is
// refused with the instruction named, never guessed at.
import { Reader } from "../wasm/reader";
import { RefusedError } from "./bytes";

/**
 * plain: one counted instruction. block/loop/if open a structure (only `if` is counted);
 * middle (else, catch, catch_all) and end close or split one and are free; delegate ends a
 * try. call (call, call_indirect, call_ref), branch (br, br_if) and throw (throw, rethrow) are
 * counted like plain; try (try, try_table) opens a block. The bulk and grow kinds are counted
 * and also charged by their last operand (growIndex reads a grow's memory or table).
 */
export type InstrKind =
  | "plain"
  | "call"
  | "branch"
  | "throw"
  | "block"
  | "try"
  | "loop"
  | "if"
  | "middle"
  | "end"
  | "delegate"
  | "memBulk"
  | "tableBulk"
  | "memGrow"
  | "tableGrow";

/** The memory (memory.grow) or table (table.grow) index of the grow instruction at `at`. */
export function growIndex(bytes: Uint8Array, at: number, end: number): number {
  const r = new Reader(bytes, at + 1, end);
  if (bytes[at] === 0xfc) r.u32(); // table.grow's sub-opcode
  return r.u32();
}

function refuse(what: string): never {
  throw new RefusedError(
    "invalid_module",
    `the module uses ${what}, which the fuel pass does not support`,
  );
}

function skipBlockType(r: Reader): void {
  const b = r.peek();
  if (b === 0x63 || b === 0x64) {
    r.byte();
    r.skipLeb(); // (ref null? heaptype)
  } else r.skipLeb(); // 0x40, a one-byte valtype, or an s33 type index
}

function skipMemarg(r: Reader): void {
  const align = r.u32();
  if (align & 0x40) r.u32(); // multi-memory: memory index follows
  r.skipLeb(); // offset
}

function skipVecU32(r: Reader): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) r.u32();
}

function prefixFC(r: Reader): InstrKind {
  const sub = r.u32();
  if (sub <= 7) return "plain"; // saturating truncations
  switch (sub) {
    case 8: // memory.init dataidx memidx
    case 10: // memory.copy memidx memidx
    case 12: // table.init elemidx tableidx
    case 14: // table.copy tableidx tableidx
      r.u32();
      r.u32();
      return sub === 8 || sub === 10 ? "memBulk" : "tableBulk";
    case 11: // memory.fill memidx
      r.u32();
      return "memBulk";
    case 17: // table.fill tableidx
      r.u32();
      return "tableBulk";
    case 15: // table.grow tableidx
      r.u32();
      return "tableGrow";
    case 9: // data.drop
    case 13: // elem.drop
    case 16: // table.size
      r.u32();
      return "plain";
    default:
      return refuse(`instruction 0xfc ${sub}`);
  }
}

function prefixFD(r: Reader): InstrKind {
  const sub = r.u32();
  if (sub <= 11 || sub === 92 || sub === 93)
    skipMemarg(r); // loads, stores, load_zero
  else if (sub === 12 || sub === 13)
    r.skip(16); // v128.const, i8x16.shuffle
  else if (sub >= 21 && sub <= 34)
    r.skip(1); // extract/replace lane
  else if (sub >= 84 && sub <= 91) {
    skipMemarg(r); // load/store lane
    r.skip(1);
  } else if (sub > 0x113) refuse(`SIMD instruction 0xfd ${sub}`); // FP16 and later
  return "plain";
}

function prefixFE(r: Reader): InstrKind {
  const sub = r.u32();
  if (sub === 3)
    r.skip(1); // atomic.fence
  else if (sub <= 2 || (sub >= 0x10 && sub <= 0x4e)) skipMemarg(r);
  else refuse(`atomic instruction 0xfe ${sub}`);
  return "plain";
}

/** Reads one instruction at r.pos, leaving r.pos after its immediates. */
export function skipInstruction(r: Reader): InstrKind {
  const op = r.byte();
  if (op >= 0x45 && op <= 0xc4) return "plain"; // numeric, no immediates
  if (op >= 0x28 && op <= 0x3e) {
    skipMemarg(r);
    return "plain";
  }
  if (op >= 0x20 && op <= 0x26) {
    r.u32(); // local.*, global.*, table.get/set
    return "plain";
  }
  switch (op) {
    case 0x00: // unreachable
    case 0x01: // nop
    case 0x0a: // throw_ref
    case 0x0f: // return
    case 0x1a: // drop
    case 0x1b: // select
    case 0xd1: // ref.is_null
    case 0xd3: // ref.eq
    case 0xd4: // ref.as_non_null
      return "plain";
    case 0x02: // block
      skipBlockType(r);
      return "block";
    case 0x06: // try
      skipBlockType(r);
      return "try";
    case 0x03:
      skipBlockType(r);
      return "loop";
    case 0x04:
      skipBlockType(r);
      return "if";
    case 0x1f: {
      // try_table: blocktype, then catch clauses that name labels outside
      skipBlockType(r);
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const kind = r.byte();
        if (kind <= 1)
          r.u32(); // catch / catch_ref: tag
        else if (kind > 3) refuse(`try_table catch kind ${kind}`);
        r.u32(); // label
      }
      return "try";
    }
    case 0x05: // else
    case 0x19: // catch_all
      return "middle";
    case 0x07: // catch tag
      r.u32();
      return "middle";
    case 0x0b:
      return "end";
    case 0x18: // delegate label
      r.u32();
      return "delegate";
    case 0x08: // throw tag
    case 0x09: // rethrow label
      r.u32();
      return "throw";
    case 0x0c: // br
    case 0x0d: // br_if
      r.u32();
      return "branch";
    case 0x10: // call
    case 0x14: // call_ref
      r.u32();
      return "call";
    case 0x12: // return_call
    case 0x15: // return_call_ref
    case 0x3f: // memory.size
    case 0xd2: // ref.func
    case 0xd5: // br_on_null
    case 0xd6: // br_on_non_null
      r.u32();
      return "plain";
    case 0x40: // memory.grow
      r.u32();
      return "memGrow";
    case 0x0e: // br_table
      skipVecU32(r);
      r.u32();
      return "plain";
    case 0x11: // call_indirect typeidx tableidx
      r.u32();
      r.u32();
      return "call";
    case 0x13: // return_call_indirect
      r.u32();
      r.u32();
      return "plain";
    case 0x1c: {
      // select t*
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const b = r.byte();
        if (b === 0x63 || b === 0x64) r.skipLeb();
      }
      return "plain";
    }
    case 0x41: // i32.const
    case 0x42: // i64.const
    case 0xd0: // ref.null heaptype
      r.skipLeb();
      return "plain";
    case 0x43:
      r.skip(4);
      return "plain";
    case 0x44:
      r.skip(8);
      return "plain";
    case 0xfc:
      return prefixFC(r);
    case 0xfd:
      return prefixFD(r);
    case 0xfe:
      return prefixFE(r);
    case 0xfb:
      return refuse("GC instructions (struct/array/i31, prefix 0xfb)");
    default:
      if (op >= 0xe0 && op <= 0xe6) refuse(`stack-switching instruction 0x${op.toString(16)}`);
      return refuse(`opcode 0x${op.toString(16)}`);
  }
}
