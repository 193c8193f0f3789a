// What the inspector accepts before it refuses a module by name. V8 bounds imports and exports
// (the JS API refuses more than 100,000 of each) but not the number of custom sections nor the
// length of a name, and every one of them becomes an object, a row on the page and a copy in a
// worker reply: a tiny link with 200,000 empty custom sections took the page 1.6 GiB. Each limit
// is far above what compilers emit (a few dozen sections, names of a few hundred bytes).
import { groupDigits } from "../digits";

export const INSPECT_LIMITS = {
  /** Sections of every kind, custom ones included (a module has at most 14 non-custom ones). */
  sections: 1_000,
  /** The JS API's own limits (V8: kV8MaxWasmImports, kV8MaxWasmExports). */
  imports: 100_000,
  exports: 100_000,
  /** Bytes of one import module/field name, export name or custom section name. */
  nameBytes: 4_096,
  /** Types listed in ModuleInfo.types (V8 accepts 1,000,000; all are read, the rest counted). */
  listedTypes: 10_000,
} as const;

export function formatCount(n: number): string {
  return groupDigits(n);
}
