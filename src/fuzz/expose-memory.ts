// Makes a module's memory observable from outside: the differential check compares final
// memory, so a module that keeps its memory private gets an export "__fuzz_memory" added (to
// the original, before instrumenting it, so both sides are the same program).
import type { ModuleInfo } from "../sandbox/inspect/module-info";
import { joinBytes, name, section, sectionBounds, uleb } from "../hostile/wasm-bytes";

export const FUZZ_MEMORY_EXPORT = "__fuzz_memory";

/** Where a section id sits in the required order (custom sections excepted). */
const ORDER: Record<number, number> = {
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  13: 6,
  6: 7,
  7: 8,
  8: 9,
  9: 10,
  12: 11,
  10: 12,
  11: 13,
};
const EXPORT_ID = 7;

function readUleb(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return { value, next: at };
  }
}

export function exposeMemory(bytes: Uint8Array, info: ModuleInfo): Uint8Array {
  const hasMemory = info.memories.length > 0 || info.imports.some((i) => i.kind === "memory");
  const exported = info.exports.some((e) => e.kind === "memory");
  if (!hasMemory || exported) return bytes;
  const entry = [...name(FUZZ_MEMORY_EXPORT), 0x02, 0x00];
  const sections = sectionBounds(bytes);
  const existing = sections.find((s) => s.id === EXPORT_ID);
  if (existing) {
    const count = readUleb(bytes, existing.bodyStart);
    const body = joinBytes([
      uleb(count.value + 1),
      bytes.subarray(count.next, existing.end),
      entry,
    ]);
    return joinBytes([
      bytes.subarray(0, existing.start),
      section(EXPORT_ID, body),
      bytes.subarray(existing.end),
    ]);
  }
  const after = sections.find((s) => s.id !== 0 && ORDER[s.id] > ORDER[EXPORT_ID]);
  const at = after ? after.start : bytes.length;
  const added = section(EXPORT_ID, joinBytes([uleb(1), entry]));
  return joinBytes([bytes.subarray(0, at), added, bytes.subarray(at)]);
}
