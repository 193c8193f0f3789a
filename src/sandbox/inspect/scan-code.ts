// Walks instruction streams just far enough to see which post-MVP features they use. The walk
// is flat (no recursion: hostile modules nest deeply) and best effort: an opcode it does not
// know ends the scan of that body without failing inspection (V8 is the validator).
import type { ByteReader } from "./byte-reader";
import { readHeapType, readValType, type FeatureSet } from "./read-types";

function blockType(reader: ByteReader, features: FeatureSet): void {
  const peek = reader.bytes[reader.offset];
  if (peek === 0x40) {
    reader.byte();
    return;
  }
  if (peek !== undefined && (peek & 0xc0) === 0x40) {
    readValType(reader, features);
    return;
  }
  reader.s33(); // a type index: a multi-value (or param-taking) block
  features.add("multivalue");
}

function memarg(reader: ByteReader, features: FeatureSet): void {
  const align = reader.u32();
  if (align & 0x40) {
    reader.u32();
    features.add("multimemory");
  }
  reader.u64();
}

function misc(reader: ByteReader, op: number, features: FeatureSet): boolean {
  if (op <= 7) features.add("nontrapping-float-to-int");
  else if (op <= 14) features.add("bulk-memory");
  else if (op <= 17) features.add("reference-types");
  else return false;
  if (op === 8 || op === 12 || op === 10 || op === 14) {
    reader.u32();
    reader.u32();
  } else if (op === 9 || op === 11 || op === 13 || op >= 15) reader.u32();
  return true;
}

function simd(reader: ByteReader, op: number, features: FeatureSet): boolean {
  features.add(op >= 0x100 ? "relaxed-simd" : "simd");
  if (op <= 11 || op === 92 || op === 93) memarg(reader, features);
  else if (op === 12 || op === 13) reader.skip(16);
  else if (op >= 21 && op <= 34) reader.byte();
  else if (op >= 84 && op <= 91) {
    memarg(reader, features);
    reader.byte();
  } else if (op > 0x113) return false;
  return true;
}

function atomic(reader: ByteReader, op: number, features: FeatureSet): boolean {
  features.add("threads");
  if (op === 0x03) reader.byte();
  else if (op <= 0x02 || (op >= 0x10 && op <= 0x4e)) memarg(reader, features);
  else return false;
  return true;
}

/** The GC instructions allowed in constant expressions; others end the scan (feature known). */
function gc(reader: ByteReader, op: number, features: FeatureSet): boolean {
  features.add("gc");
  if (op === 0 || op === 1 || op === 6 || op === 7) reader.u32();
  else if (op === 8) {
    reader.u32();
    reader.u32();
  } else if (op < 0x1a || op > 0x1c) return false;
  return true;
}

/** One instruction; false when the opcode is unknown to the scan. */
function instruction(reader: ByteReader, features: FeatureSet): boolean {
  const op = reader.byte();
  if (op >= 0x45 && op <= 0xbf) return true; // numeric, no immediates
  if (op >= 0xc0 && op <= 0xc4) {
    features.add("sign-ext");
    return true;
  }
  if (op >= 0x28 && op <= 0x3e) {
    memarg(reader, features);
    return true;
  }
  switch (op) {
    case 0x00:
    case 0x01:
    case 0x05:
    case 0x0b:
    case 0x0f:
    case 0x1a:
    case 0x1b:
      return true;
    case 0x02:
    case 0x03:
    case 0x04:
      blockType(reader, features);
      return true;
    case 0x06:
      features.add("exception-handling");
      blockType(reader, features);
      return true;
    case 0x07:
    case 0x08:
    case 0x09:
    case 0x18:
      features.add("exception-handling");
      reader.u32();
      return true;
    case 0x0a:
    case 0x19:
      features.add("exception-handling");
      return true;
    case 0x1f: {
      features.add("exception-handling");
      blockType(reader, features);
      const catches = reader.count("catch clauses");
      for (let i = 0; i < catches; i++) {
        const kind = reader.byte();
        if (kind <= 1) reader.u32();
        reader.u32();
      }
      return true;
    }
    case 0x0c:
    case 0x0d:
    case 0x10:
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
    case 0x24:
      reader.u32();
      return true;
    case 0x0e: {
      const targets = reader.count("br_table targets");
      for (let i = 0; i <= targets; i++) reader.u32();
      return true;
    }
    case 0x11:
    case 0x13: {
      reader.u32();
      if (reader.u32() !== 0) features.add("reference-types");
      if (op === 0x13) features.add("tail-call");
      return true;
    }
    case 0x12:
    case 0x15:
      features.add("tail-call");
      reader.u32();
      return true;
    case 0x14:
    case 0xd5:
    case 0xd6:
      features.add("gc");
      reader.u32();
      return true;
    case 0x1c: {
      features.add("reference-types");
      const n = reader.count("select types");
      for (let i = 0; i < n; i++) readValType(reader, features);
      return true;
    }
    case 0x25:
    case 0x26:
    case 0xd2:
      features.add("reference-types");
      reader.u32();
      return true;
    case 0x3f:
    case 0x40:
      if (reader.u32() !== 0) features.add("multimemory");
      return true;
    case 0x41:
      reader.skipSigned(5);
      return true;
    case 0x42:
      reader.skipSigned(10);
      return true;
    case 0x43:
      reader.skip(4);
      return true;
    case 0x44:
      reader.skip(8);
      return true;
    case 0xd0:
      readHeapType(reader, features);
      return true;
    case 0xd1:
      features.add("reference-types");
      return true;
    case 0xd3:
    case 0xd4:
      features.add("gc");
      return true;
    case 0xfb:
      return gc(reader, reader.u32(), features);
    case 0xfc:
      return misc(reader, reader.u32(), features);
    case 0xfd:
      return simd(reader, reader.u32(), features);
    case 0xfe:
      return atomic(reader, reader.u32(), features);
    default:
      return false;
  }
}

/** Skips a constant expression (global initialisers, table initialisers), through its `end`. */
export function skipConstExpr(reader: ByteReader, features: FeatureSet): void {
  for (;;) {
    const op = reader.bytes[reader.offset];
    if (!instruction(reader, features))
      reader.fail("unsupported instruction in a constant expression");
    if (op === 0x0b) return;
  }
}

/** Scans instructions from the reader's offset to its end (a function body or a const expr). */
export function scanInstructions(reader: ByteReader, features: FeatureSet): void {
  while (!reader.atEnd()) {
    if (!instruction(reader, features)) return;
  }
}
