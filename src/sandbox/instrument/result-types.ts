// The block type that carries a function's results, per type index, for the fuel pass's
// wrapper block (charge-code.ts, coldExitFrames). Read from the type section already checked by
// readLayout(); undefined for non-function types and for functions with two or more results
// and params (no block type without a new type can carry those), which keep the inline trap.
import type { ModuleLayout } from "./module-layout";

/** Block type bytes of each type index's results; undefined where none fits. */
export function resultBlockTypes(layout: ModuleLayout): (number[] | undefined)[] {
  return layout.types.map((t, index) => {
    if (t.form !== "func") return undefined;
    if (t.resultCount === 0) return [0x40];
    if (t.resultCount === 1) return Array.from(t.results);
    return t.paramCount === 0 ? signedLeb(index) : undefined;
  });
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
