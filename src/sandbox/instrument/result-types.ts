// The block type that carries a function's results, per type index, for the fuel pass's
// wrapper block (see fuel-pass.ts, "cold exit"). Read from the type section already checked by
// readLayout(); undefined for non-function types and for functions with two or more results
// and params (no block type without a new type can carry those), which keep the inline trap.
import { Reader } from "./bytes";
import { SECTION, type ModuleLayout } from "./module-layout";

function readValType(r: Reader): number[] {
  const start = r.pos;
  const b = r.byte();
  if (b === 0x63 || b === 0x64) r.skipLeb();
  return Array.from(r.bytes.subarray(start, r.pos));
}

/** Block type bytes of each type index's results; undefined where none fits. */
export function resultBlockTypes(
  bytes: Uint8Array,
  layout: ModuleLayout,
): (number[] | undefined)[] {
  const out: (number[] | undefined)[] = [];
  const section = layout.sections.find((s) => s.id === SECTION.type);
  if (!section) return out;
  const r = new Reader(bytes, section.contentStart, section.end);
  const composite = (form: number) => {
    if (form === 0x60) {
      const params = r.u32();
      for (let i = 0; i < params; i++) readValType(r);
      const results = r.u32();
      const types: number[][] = [];
      for (let i = 0; i < results; i++) types.push(readValType(r));
      if (results === 0) out.push([0x40]);
      else if (results === 1) out.push(types[0]);
      else out.push(params === 0 ? signedLeb(out.length) : undefined);
    } else {
      const fields = form === 0x5f ? r.u32() : 1;
      for (let i = 0; i < fields; i++) {
        readValType(r);
        r.byte();
      }
      out.push(undefined);
    }
  };
  const sub = (b: number) => {
    if (b === 0x50 || b === 0x4f) {
      const supers = r.u32();
      for (let i = 0; i < supers; i++) r.u32();
      composite(r.byte());
    } else composite(b);
  };
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    const b = r.byte();
    if (b === 0x4e) {
      const n = r.u32();
      for (let j = 0; j < n; j++) sub(r.byte());
    } else sub(b);
  }
  return out;
}

/** A type index as a block type (s33). */
function signedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v === 0 && (byte & 0x40) === 0) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
