// Value types, heap types, limits and the type section, as the binary format spells them
// (core spec 3.0 plus the GC, exception and memory64 proposals V8 ships).
import type {
  CompositeType,
  FieldType,
  FuncSignature,
  Limits,
  TypeInfo,
  ValType,
} from "./module-info";
import type { Reader } from "../wasm/reader";
import { count, fail } from "./refusals";

/** Features seen while reading; names as binaryen's --enable-* flags spell them. */
export type FeatureSet = Set<string>;

const NUMERIC: Record<number, ValType> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64" };

/** Abstract heap types (shorthand reference types) by their byte. */
const ABSTRACT_HEAP: Record<number, string> = {
  0x70: "func",
  0x6f: "extern",
  0x6e: "any",
  0x6d: "eq",
  0x6c: "i31",
  0x6b: "struct",
  0x6a: "array",
  0x69: "exn",
  0x73: "nofunc",
  0x72: "noextern",
  0x71: "none",
  0x74: "noexn",
};

function noteHeapFeature(heap: string, features: FeatureSet): void {
  if (heap === "func" || heap === "extern") features.add("reference-types");
  else if (heap === "exn" || heap === "noexn") features.add("exception-handling");
  else features.add("gc");
}

/** A heap type: an abstract one by name, or a concrete type index as "$N". */
export function readHeapType(reader: Reader, features: FeatureSet): string {
  const value = reader.s33();
  if (value >= 0) {
    features.add("gc");
    return `$${value}`;
  }
  const heap = ABSTRACT_HEAP[value & 0x7f];
  if (heap === undefined) fail(reader, `unknown heap type ${value}`);
  noteHeapFeature(heap, features);
  return heap;
}

export function readValType(reader: Reader, features: FeatureSet): ValType {
  const code = reader.byte();
  const numeric = NUMERIC[code];
  if (numeric !== undefined) return numeric;
  if (code === 0x7b) {
    features.add("simd");
    return "v128";
  }
  if (code === 0x64 || code === 0x63) {
    const heap = readHeapType(reader, features);
    if (!heap.startsWith("$")) features.add("gc");
    return code === 0x63 ? `(ref null ${heap})` : `(ref ${heap})`;
  }
  const heap = ABSTRACT_HEAP[code];
  if (heap === undefined) fail(reader, `unknown value type 0x${code.toString(16)}`);
  noteHeapFeature(heap, features);
  return `${heap}ref`;
}

const PACKED: Record<number, ValType> = { 0x78: "i8", 0x77: "i16" };

function readFieldType(reader: Reader, features: FeatureSet): FieldType {
  const packed = PACKED[reader.bytes[reader.pos]!];
  const type = packed ?? readValType(reader, features);
  if (packed) reader.byte();
  const mutability = reader.byte();
  if (mutability > 1) fail(reader, `unknown mutability 0x${mutability.toString(16)}`);
  return { type, mutable: mutability === 1 };
}

function readResultTypes(reader: Reader, features: FeatureSet): ValType[] {
  const n = count(reader, "value types");
  const types: ValType[] = [];
  for (let i = 0; i < n; i++) types.push(readValType(reader, features));
  return types;
}

function readCompositeType(reader: Reader, features: FeatureSet): CompositeType {
  const form = reader.byte();
  if (form === 0x60) {
    const params = readResultTypes(reader, features);
    const results = readResultTypes(reader, features);
    if (results.length > 1) features.add("multivalue");
    return { kind: "func", signature: { params, results } };
  }
  features.add("gc");
  if (form === 0x5f) {
    const n = count(reader, "struct fields");
    const fields: FieldType[] = [];
    for (let i = 0; i < n; i++) fields.push(readFieldType(reader, features));
    return { kind: "struct", fields };
  }
  if (form === 0x5e) return { kind: "array", element: readFieldType(reader, features) };
  fail(reader, `unknown type form 0x${form.toString(16)}`);
}

/** A subtype: 0x50 (sub, open) or 0x4f (sub final) with supertypes, or a bare final type. */
function readSubType(reader: Reader, features: FeatureSet, recGroup: number): TypeInfo {
  const peek = reader.bytes[reader.pos];
  const supertypes: number[] = [];
  if (peek === 0x50 || peek === 0x4f) {
    reader.byte();
    features.add("gc");
    const n = count(reader, "supertypes");
    for (let i = 0; i < n; i++) supertypes.push(reader.u32());
  }
  const final = peek !== 0x50;
  return { recGroup, final, supertypes, composite: readCompositeType(reader, features) };
}

/** The type section: one entry per type index (rec groups flattened, each entry names its group). */
export function readTypeSection(reader: Reader, features: FeatureSet): TypeInfo[] {
  const types: TypeInfo[] = [];
  const n = count(reader, "types");
  for (let group = 0; group < n; group++) {
    if (reader.bytes[reader.pos] === 0x4e) {
      reader.byte();
      features.add("gc");
      const members = count(reader, "rec group members");
      for (let j = 0; j < members; j++) types.push(readSubType(reader, features, group));
    } else {
      types.push(readSubType(reader, features, group));
    }
  }
  return types;
}

/** Memory or table limits; flag bits: 1 has maximum, 2 shared, 4 64-bit, 8 custom page size. */
export function readLimits(reader: Reader, features: FeatureSet): Limits {
  const flags = reader.byte();
  if (flags > 0x0f) fail(reader, `unknown limits flags 0x${flags.toString(16)}`);
  const is64 = (flags & 0x04) !== 0;
  const limits: Limits = { initial: is64 ? Number(reader.u64()) : reader.u32() };
  if (flags & 0x01) limits.maximum = is64 ? Number(reader.u64()) : reader.u32();
  if (flags & 0x02) {
    limits.shared = true;
    features.add("threads");
  }
  if (is64) {
    limits.memory64 = true;
    features.add("memory64");
  }
  if (flags & 0x08) reader.u32(); // custom page size log2
  return limits;
}

export function readTableType(
  reader: Reader,
  features: FeatureSet,
): { elementType: ValType; limits: Limits } {
  const elementType = readValType(reader, features);
  return { elementType, limits: readLimits(reader, features) };
}

export function formatSignature(signature: FuncSignature): string {
  const params = signature.params.length ? ` (param ${signature.params.join(" ")})` : "";
  const results = signature.results.length ? ` (result ${signature.results.join(" ")})` : "";
  return `(func${params}${results})`;
}

export function sameSignature(a: FuncSignature, b: FuncSignature): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((t, i) => t === b.params[i]) &&
    a.results.every((t, i) => t === b.results[i])
  );
}
