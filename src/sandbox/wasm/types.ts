// The type section, read once: every type index's entry (recursion groups and subtypes
// included, as the GC proposal lays them out), and the one value-type reader.
import { Reader } from "./reader";

/** (ref null? heaptype): a value type that carries a heap type after its code. */
const REF_NULL = 0x63;
const REF = 0x64;
const FUNC = 0x60;
const STRUCT = 0x5f;
const ARRAY = 0x5e;
const REC_GROUP = 0x4e;
const SUB = 0x50;
const SUB_FINAL = 0x4f;

/** Skips one value type (or packed storage type: one byte). */
export function skipValType(r: Reader): void {
  const b = r.byte();
  if (b === REF_NULL || b === REF) r.skipLeb();
}

/**
 * A body's local declarations, `r` at the body's start (after its size): how many groups, where
 * they start, and the count of locals with the `params` before them. Leaves `r` at the first
 * instruction.
 */
export function readLocalDecls(r: Reader, params: number) {
  const groups = r.u32();
  const groupsStart = r.pos;
  let locals = params;
  for (let i = 0; i < groups; i++) {
    locals += r.u32();
    skipValType(r);
  }
  return { groups, groupsStart, locals };
}

/**
 * The declared size in bytes of a field or array element of this storage type: i8 1, i16 2,
 * i32 and f32 4, i64 and f64 8, v128 16, a reference 8. Part of the GC allocation count (the
 * instrument README), so fixed here whatever an engine really uses.
 */
function storageBytes(code: number): number {
  switch (code) {
    case 0x78:
      return 1; // i8
    case 0x77:
      return 2; // i16
    case 0x7f:
    case 0x7d:
      return 4; // i32, f32
    case 0x7b:
      return 16; // v128
    default:
      return 8; // i64, f64, references
  }
}

export type TypeEntry =
  | {
      form: "func";
      paramCount: number;
      /** The encoded value types (no count). */
      params: Uint8Array;
      resultCount: number;
      results: Uint8Array;
    }
  /** struct: the sum of its fields' declared sizes; array: one element's (storageBytes). */
  | { form: "struct" | "array"; bytes: number };

export interface TypeSection {
  /** By type index. */
  types: TypeEntry[];
  /** Every entry is a function type outside any recursion group or subtype declaration. */
  plain: boolean;
}

/** Reads a type section's content; `unknownForm` decides what a composite form it does not know means. */
export function readTypeSection(r: Reader, unknownForm: (form: number) => never): TypeSection {
  const types: TypeEntry[] = [];
  let plain = true;
  const valTypes = (count: number): Uint8Array => {
    const start = r.pos;
    for (let i = 0; i < count; i++) skipValType(r);
    return r.bytes.subarray(start, r.pos);
  };
  const composite = (form: number) => {
    if (form === FUNC) {
      const paramCount = r.u32();
      const params = valTypes(paramCount);
      const resultCount = r.u32();
      const results = valTypes(resultCount);
      types.push({ form: "func", paramCount, params, resultCount, results });
    } else if (form === STRUCT || form === ARRAY) {
      const fields = form === STRUCT ? r.u32() : 1;
      let bytes = 0;
      for (let i = 0; i < fields; i++) {
        bytes += storageBytes(r.peek());
        skipValType(r); // storage type
        r.byte(); // mutability
      }
      types.push({ form: form === STRUCT ? "struct" : "array", bytes });
    } else unknownForm(form);
  };
  const subType = (b: number) => {
    if (b === SUB || b === SUB_FINAL) {
      plain = false;
      const supers = r.u32();
      for (let i = 0; i < supers; i++) r.u32();
      composite(r.byte());
    } else composite(b);
  };
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    const b = r.byte();
    if (b === REC_GROUP) {
      plain = false;
      const n = r.u32();
      for (let j = 0; j < n; j++) subType(r.byte());
    } else subType(b);
  }
  if (types.some((t) => t.form !== "func")) plain = false;
  return { types, plain };
}
