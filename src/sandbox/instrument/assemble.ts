// Puts an instrumented module together: the original sections in order, some with new content,
// the globals and exports the passes add appended (so no existing index moves), and a global or
// export section created at its required place when the module had none.
import { Reader, Writer, encodeU32 } from "../wasm/reader";
import { SECTION, SECTION_RANK, type ModuleLayout, type Section } from "./module-layout";

export interface Patch {
  start: number;
  end: number;
  bytes: readonly number[];
}

/** A section's content with byte ranges replaced (patches sorted, non-overlapping). */
export function patchContent(bytes: Uint8Array, s: Section, patches: readonly Patch[]): Uint8Array {
  const w = new Writer(s.end - s.contentStart + patches.length * 8);
  let at = s.contentStart;
  for (const p of patches) {
    w.push(bytes.subarray(at, p.start));
    w.push(p.bytes);
    at = p.end;
  }
  w.push(bytes.subarray(at, s.end));
  return w.result();
}

/** A vector section's content with entries appended. */
function appendEntries(
  bytes: Uint8Array,
  s: Section | undefined,
  entries: readonly (readonly number[])[],
): Uint8Array {
  const w = new Writer();
  let count = 0;
  let rest: Uint8Array = new Uint8Array(0);
  if (s) {
    const r = new Reader(bytes, s.contentStart, s.end);
    count = r.u32();
    rest = bytes.subarray(r.pos, s.end);
  }
  w.u32(count + entries.length);
  w.push(rest);
  for (const e of entries) w.push(e);
  return w.result();
}

/**
 * Custom sections that point at byte offsets inside function bodies (branch hints and other
 * code metadata) would point at the wrong instructions once charges are inserted: dropped.
 * (DWARF .debug_* sections go stale the same way but only mislead a debugger: kept.)
 */
function hasStaleOffsets(bytes: Uint8Array, s: Section): boolean {
  if (s.id !== SECTION.custom) return false;
  try {
    return new Reader(bytes, s.contentStart, s.end).name().startsWith("metadata.code.");
  } catch {
    return false; // a custom section with a malformed name: V8 ignores it, so do we
  }
}

export interface Additions {
  /** Section → new content. */
  replaced: Map<Section, Uint8Array>;
  /** Entries appended to the type section (the function types of threaded functions). */
  types?: (readonly number[])[];
  /** Tables appended (the profile hooks' table). */
  tables?: (readonly number[])[];
  globals: (readonly number[])[];
  exports: (readonly number[])[];
  /** Sections left out of the output (the start section, when the start is deferred). */
  removed?: ReadonlySet<Section>;
}

export function assemble(bytes: Uint8Array, layout: ModuleLayout, add: Additions): Uint8Array {
  const out = layout.sections
    .filter((s) => !hasStaleOffsets(bytes, s) && !add.removed?.has(s))
    .map((s) => ({
      id: s.id,
      content: add.replaced.get(s) ?? bytes.subarray(s.contentStart, s.end),
    }));
  const addTo = (id: number, entries: (readonly number[])[]) => {
    if (entries.length === 0) return;
    const existing = layout.sections.find((s) => s.id === id);
    const content = appendEntries(bytes, existing, entries);
    const index = out.findIndex((s) => s.id === id);
    if (index >= 0) {
      out[index].content = content;
      return;
    }
    const rank = SECTION_RANK[id];
    let at = out.findIndex((s) => s.id !== SECTION.custom && SECTION_RANK[s.id] > rank);
    if (at < 0) at = out.length;
    out.splice(at, 0, { id, content });
  };
  addTo(SECTION.type, add.types ?? []);
  addTo(SECTION.table, add.tables ?? []);
  addTo(SECTION.global, add.globals);
  addTo(SECTION.export, add.exports);
  let total = 8;
  for (const s of out) total += 1 + encodeU32(s.content.length).length + s.content.length;
  const w = new Writer(total);
  w.push(bytes.subarray(0, 8));
  for (const s of out) {
    w.push([s.id]);
    w.u32(s.content.length);
    w.push(s.content);
  }
  return w.result();
}
