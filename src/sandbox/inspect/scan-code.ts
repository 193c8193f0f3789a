// Walks instruction streams just far enough to see which post-MVP features they use, decoding
// through the engine's one opcode table (../wasm/opcodes.ts gives each instruction's feature;
// here only the features its immediates reveal). The walk is flat (no recursion: hostile
// modules nest deeply) and best effort: an opcode the table does not know ends the scan of
// that body without failing inspection (V8 is the validator).
import { decodeInstruction, newInstr, type Instr } from "../wasm/decode";
import { IMM } from "../wasm/opcodes";
import { Reader } from "../wasm/reader";
import { fail } from "./refusals";
import { readHeapType, readValType, type FeatureSet } from "./read-types";

/** The feature an unknown sub-opcode of a prefix still implies. */
function notePrefix(ins: Instr, features: FeatureSet): void {
  if (ins.op === 0xfb) features.add("gc");
  else if (ins.op === 0xfd) features.add(ins.sub >= 0x100 ? "relaxed-simd" : "simd");
  else if (ins.op === 0xfe) features.add("threads");
}

function blockTypeFeatures(r: Reader, features: FeatureSet): void {
  const peek = r.peek();
  if (peek === 0x40) return;
  if ((peek & 0xc0) === 0x40) readValType(r, features);
  else features.add("multivalue"); // a type index: a multi-value (or param-taking) block
}

/** One instruction; false when the opcode is unknown to the table. */
function instruction(r: Reader, ins: Instr, features: FeatureSet): boolean {
  const info = decodeInstruction(r, ins);
  if (info === undefined) {
    notePrefix(ins, features);
    return false;
  }
  if (info.feature !== undefined) features.add(info.feature);
  const imm = () => new Reader(r.bytes, ins.immAt, r.end);
  switch (info.imm) {
    case IMM.blockType:
    case IMM.tryTable:
      blockTypeFeatures(imm(), features);
      break;
    case IMM.memarg:
    case IMM.memargLane:
      if (ins.a & 0x40) features.add("multimemory");
      break;
    case IMM.selectTypes: {
      const types = imm();
      for (let n = types.u32(); n > 0; n--) readValType(types, features);
      break;
    }
    case IMM.heapType:
      if (ins.op === 0xd0) readHeapType(imm(), features); // ref.null
      break;
  }
  if ((ins.op === 0x11 || ins.op === 0x13) && ins.b !== 0) features.add("reference-types");
  if ((ins.op === 0x3f || ins.op === 0x40) && ins.a !== 0) features.add("multimemory");
  return true;
}

/** Skips a constant expression (global initialisers, table initialisers), through its `end`. */
export function skipConstExpr(reader: Reader, features: FeatureSet): void {
  const ins = newInstr();
  for (;;) {
    if (!instruction(reader, ins, features)) {
      fail(reader, "unsupported instruction in a constant expression");
    }
    if (ins.op === 0x0b) return;
  }
}

/** Scans instructions from the reader's offset to its end (a function body or a const expr). */
export function scanInstructions(reader: Reader, features: FeatureSet): void {
  const ins = newInstr();
  while (!reader.done) {
    if (!instruction(reader, ins, features)) return;
  }
}
