// The opcode table: every instruction the engine decodes, with its name, the shape of its
// immediates, the proposal it belongs to and its class for the fuel pass. It follows the core
// spec 2.0 (https://webassembly.github.io/spec/core/binary/instructions.html) plus the proposals
// V8 ships: exceptions (legacy and exnref), tail calls, function references, GC, relaxed SIMD,
// threads, multi-memory. A new instruction is added here and nowhere else; decode.ts reads
// instructions by this table, inspect/ and instrument/ read them through decode.ts.

/** The shape of an instruction's immediates (decode.ts reads each shape). */
export const IMM = {
  none: 0,
  /** One u32: an index, a label, a memory (memory.size/grow). */
  u32: 1,
  /** Two u32s (call_indirect, memory.init, table.copy, struct.get, …). */
  u32x2: 2,
  blockType: 3,
  /** align (bit 6: a memory index follows), the memory index, the offset. */
  memarg: 4,
  /** A memarg and a lane index (v128.load8_lane, …). */
  memargLane: 5,
  brTable: 6,
  /** select t*: a vector of value types. */
  selectTypes: 7,
  /** A block type and the catch clauses of try_table. */
  tryTable: 8,
  s32: 9,
  s64: 10,
  f32: 11,
  f64: 12,
  heapType: 13,
  /** 16 bytes: v128.const, i8x16.shuffle. */
  v128: 14,
  /** One byte: a lane index, atomic.fence's reserved byte. */
  byte: 15,
  /** br_on_cast(_fail): flags, a label, two heap types. */
  brOnCast: 16,
} as const;
export type Imm = (typeof IMM)[keyof typeof IMM];

/**
 * The fuel pass's class of an instruction. plain: one counted instruction. block/loop/if open
 * a structure (only `if` is counted); middle (else, catch, catch_all) and end close or split
 * one and are free; delegate ends a try. call (call, call_indirect, call_ref), branch (br,
 * br_if) and throw (throw, rethrow) are counted like plain; try (try, try_table) opens a block.
 * The bulk and grow kinds are counted and also charged by their last operand (arrayBulk: the
 * GC array instructions whose work grows with an element count on top of the stack).
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
  | "arrayBulk"
  | "memGrow"
  | "tableGrow";

/** Names as binaryen's --enable-* flags spell them (what inspect() reports). */
export type Feature =
  | "sign-ext"
  | "exception-handling"
  | "tail-call"
  | "reference-types"
  | "gc"
  | "nontrapping-float-to-int"
  | "bulk-memory"
  | "simd"
  | "relaxed-simd"
  | "threads";

export interface OpInfo {
  readonly name: string;
  readonly imm: Imm;
  readonly kind: InstrKind;
  /** The proposal the instruction needs; undefined for the MVP (immediates may add one). */
  readonly feature: Feature | undefined;
  /** The fuel pass meters it; the others are refused by name. */
  readonly metered: boolean;
}

const op = (
  name: string,
  imm: Imm = IMM.none,
  kind: InstrKind = "plain",
  feature?: Feature,
  metered = true,
): OpInfo => ({ name, imm, kind, feature, metered });

const EH = "exception-handling";
const REF = "reference-types";

/** Single-byte opcodes, by their byte. */
export const SINGLE: (OpInfo | undefined)[] = [];
const single = (code: number, info: OpInfo) => (SINGLE[code] = info);

single(0x00, op("unreachable"));
single(0x01, op("nop"));
single(0x02, op("block", IMM.blockType, "block"));
single(0x03, op("loop", IMM.blockType, "loop"));
single(0x04, op("if", IMM.blockType, "if"));
single(0x05, op("else", IMM.none, "middle"));
single(0x06, op("try", IMM.blockType, "try", EH));
single(0x07, op("catch", IMM.u32, "middle", EH));
single(0x08, op("throw", IMM.u32, "throw", EH));
single(0x09, op("rethrow", IMM.u32, "throw", EH));
single(0x0a, op("throw_ref", IMM.none, "plain", EH));
single(0x0b, op("end", IMM.none, "end"));
single(0x0c, op("br", IMM.u32, "branch"));
single(0x0d, op("br_if", IMM.u32, "branch"));
single(0x0e, op("br_table", IMM.brTable));
single(0x0f, op("return"));
single(0x10, op("call", IMM.u32, "call"));
single(0x11, op("call_indirect", IMM.u32x2, "call"));
single(0x12, op("return_call", IMM.u32, "plain", "tail-call"));
single(0x13, op("return_call_indirect", IMM.u32x2, "plain", "tail-call"));
single(0x14, op("call_ref", IMM.u32, "call", "gc"));
single(0x15, op("return_call_ref", IMM.u32, "plain", "tail-call"));
single(0x18, op("delegate", IMM.u32, "delegate", EH));
single(0x19, op("catch_all", IMM.none, "middle", EH));
single(0x1a, op("drop"));
single(0x1b, op("select"));
single(0x1c, op("select", IMM.selectTypes, "plain", REF));
single(0x1f, op("try_table", IMM.tryTable, "try", EH));
["local.get", "local.set", "local.tee", "global.get", "global.set"].forEach((name, i) =>
  single(0x20 + i, op(name, IMM.u32)),
);
single(0x25, op("table.get", IMM.u32, "plain", REF));
single(0x26, op("table.set", IMM.u32, "plain", REF));
`i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u
 i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u i32.store i64.store
 f32.store f64.store i32.store8 i32.store16 i64.store8 i64.store16 i64.store32`
  .split(/\s+/)
  .forEach((name, i) => single(0x28 + i, op(name, IMM.memarg)));
single(0x3f, op("memory.size", IMM.u32));
single(0x40, op("memory.grow", IMM.u32, "memGrow"));
single(0x41, op("i32.const", IMM.s32));
single(0x42, op("i64.const", IMM.s64));
single(0x43, op("f32.const", IMM.f32));
single(0x44, op("f64.const", IMM.f64));
`i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u
 i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u
 f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge
 i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u
 i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr
 i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u
 i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr
 f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul
 f32.div f32.min f32.max f32.copysign f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest
 f64.sqrt f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign
 i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s
 i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u
 f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64
 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32
 i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64`
  .split(/\s+/)
  .forEach((name, i) => single(0x45 + i, op(name)));
["i32.extend8_s", "i32.extend16_s", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s"].forEach(
  (name, i) => single(0xc0 + i, op(name, IMM.none, "plain", "sign-ext")),
);
single(0xd0, op("ref.null", IMM.heapType)); // its heap type names the feature
single(0xd1, op("ref.is_null", IMM.none, "plain", REF));
single(0xd2, op("ref.func", IMM.u32, "plain", REF));
single(0xd3, op("ref.eq", IMM.none, "plain", "gc"));
single(0xd4, op("ref.as_non_null", IMM.none, "plain", "gc"));
single(0xd5, op("br_on_null", IMM.u32, "plain", "gc"));
single(0xd6, op("br_on_non_null", IMM.u32, "plain", "gc"));

/**
 * 0xFB: GC. Each costs 1; the array instructions whose work grows with their element count (on
 * top of the stack) are also charged per element before they run (arrayBulk).
 */
const GC: OpInfo[] = (
  [
    ["struct.new", IMM.u32],
    ["struct.new_default", IMM.u32],
    ["struct.get", IMM.u32x2],
    ["struct.get_s", IMM.u32x2],
    ["struct.get_u", IMM.u32x2],
    ["struct.set", IMM.u32x2],
    ["array.new", IMM.u32, "arrayBulk"],
    ["array.new_default", IMM.u32, "arrayBulk"],
    ["array.new_fixed", IMM.u32x2],
    ["array.new_data", IMM.u32x2, "arrayBulk"],
    ["array.new_elem", IMM.u32x2, "arrayBulk"],
    ["array.get", IMM.u32],
    ["array.get_s", IMM.u32],
    ["array.get_u", IMM.u32],
    ["array.set", IMM.u32],
    ["array.len", IMM.none],
    ["array.fill", IMM.u32, "arrayBulk"],
    ["array.copy", IMM.u32x2, "arrayBulk"],
    ["array.init_data", IMM.u32x2, "arrayBulk"],
    ["array.init_elem", IMM.u32x2, "arrayBulk"],
    ["ref.test", IMM.heapType],
    ["ref.test null", IMM.heapType],
    ["ref.cast", IMM.heapType],
    ["ref.cast null", IMM.heapType],
    ["br_on_cast", IMM.brOnCast],
    ["br_on_cast_fail", IMM.brOnCast],
    ["any.convert_extern", IMM.none],
    ["extern.convert_any", IMM.none],
    ["ref.i31", IMM.none],
    ["i31.get_s", IMM.none],
    ["i31.get_u", IMM.none],
  ] as const
).map(([name, imm, kind]: readonly [string, Imm, InstrKind?]) =>
  op(name, imm, kind ?? "plain", "gc"),
);

/** 0xFC: saturating truncations, bulk memory, table instructions. */
const MISC: OpInfo[] = [
  ..."i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u"
    .split(" ")
    .map((name) => op(name, IMM.none, "plain", "nontrapping-float-to-int")),
  op("memory.init", IMM.u32x2, "memBulk", "bulk-memory"),
  op("data.drop", IMM.u32, "plain", "bulk-memory"),
  op("memory.copy", IMM.u32x2, "memBulk", "bulk-memory"),
  op("memory.fill", IMM.u32, "memBulk", "bulk-memory"),
  op("table.init", IMM.u32x2, "tableBulk", "bulk-memory"),
  op("elem.drop", IMM.u32, "plain", "bulk-memory"),
  op("table.copy", IMM.u32x2, "tableBulk", "bulk-memory"),
  op("table.grow", IMM.u32, "tableGrow", REF),
  op("table.size", IMM.u32, "plain", REF),
  op("table.fill", IMM.u32, "tableBulk", REF),
];

/** 0xFD: SIMD up to 0xff, relaxed SIMD 0x100–0x113 (later ones, FP16, are unknown). */
const SIMD: OpInfo[] = Array.from({ length: 0x114 }, (_, sub) => {
  const feature = sub >= 0x100 ? "relaxed-simd" : "simd";
  let imm: Imm = IMM.none;
  if (sub <= 11 || sub === 92 || sub === 93)
    imm = IMM.memarg; // loads, stores, load_zero
  else if (sub === 12 || sub === 13)
    imm = IMM.v128; // v128.const, i8x16.shuffle
  else if (sub >= 21 && sub <= 34)
    imm = IMM.byte; // extract/replace lane
  else if (sub >= 84 && sub <= 91) imm = IMM.memargLane; // load/store lane
  return op(`simd 0x${sub.toString(16)}`, imm, "plain", feature);
});

/** 0xFE: threads (atomics). */
const ATOMIC: OpInfo[] = [];
ATOMIC[0] = op("memory.atomic.notify", IMM.memarg, "plain", "threads");
ATOMIC[1] = op("memory.atomic.wait32", IMM.memarg, "plain", "threads");
ATOMIC[2] = op("memory.atomic.wait64", IMM.memarg, "plain", "threads");
ATOMIC[3] = op("atomic.fence", IMM.byte, "plain", "threads");
for (let sub = 0x10; sub <= 0x4e; sub++) {
  ATOMIC[sub] = op(`atomic 0x${sub.toString(16)}`, IMM.memarg, "plain", "threads");
}

/** The sub-opcode tables of the prefixes 0xFB…0xFE, by prefix − 0xFB. */
export const PREFIXED: readonly (readonly (OpInfo | undefined)[])[] = [GC, MISC, SIMD, ATOMIC];
