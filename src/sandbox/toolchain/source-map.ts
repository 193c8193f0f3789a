// Source lines of a module's functions from the source map asc emits (version 3; for wasm the
// generated "column" is a byte offset in the module, https://webassembly.github.io/spec/ and
// the WebAssembly source map convention). The profile names functions by index; this gives
// each one the line of the person's source where its code begins, so the Profile tab can
// reveal it in the editor and the gutter can show where the fuel went.
import { Reader } from "../wasm/reader";
import { SECTION, readLayout } from "../instrument/module-layout";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

export interface Mapping {
  /** Byte offset in the module. */
  offset: number;
  source: number;
  /** 1-based line in that source. */
  line: number;
}

/** The segments of a source map's `mappings` that name a source (VLQ, fields relative). */
export function decodeMappings(mappings: string): Mapping[] {
  const out: Mapping[] = [];
  let offset = 0;
  let source = 0;
  let line = 0;
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  const endSegment = () => {
    if (fields.length >= 4) {
      offset += fields[0];
      source += fields[1];
      line += fields[2]; // fields[3], the source column, is not needed
      out.push({ offset, source, line: line + 1 });
    } else if (fields.length >= 1) offset += fields[0];
    fields.length = 0;
  };
  for (let i = 0; i < mappings.length; i++) {
    const c = mappings.charCodeAt(i);
    if (c === 0x2c /* , */ || c === 0x3b /* ; */) {
      endSegment();
      if (c === 0x3b) offset = 0; // a new generated line starts its columns at 0
      continue;
    }
    const digit = c < 128 ? DIGIT[c] : -1;
    if (digit < 0) throw new Error(`source map: unexpected character at ${i}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  endSegment();
  return out;
}

/** Byte range [start, end) of each defined function's body, by function index. */
export function functionBodies(bytes: Uint8Array): { index: number; start: number; end: number }[] {
  const layout = readLayout(bytes);
  const code = layout.sections.find((s) => s.id === SECTION.code);
  if (!code) return [];
  const r = new Reader(bytes, code.contentStart, code.end);
  const count = r.u32();
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const size = r.u32();
    bodies.push({ index: layout.importedFuncs + i, start: r.pos, end: r.pos + size });
    r.skip(size);
  }
  return bodies;
}

/**
 * Each function's line in `sourceName`: the line of its first mapped instruction there (code
 * inlined from elsewhere comes after the function's own first statement). Functions with no
 * code from that source (the standard library's) are left out.
 */
export function functionSourceLines(
  bytes: Uint8Array,
  map: { sources: string[]; mappings: string },
  sourceName: string,
): Record<number, number> {
  const source = map.sources.indexOf(sourceName);
  const lines: Record<number, number> = {};
  if (source < 0) return lines;
  const mappings = decodeMappings(map.mappings)
    .filter((m) => m.source === source)
    .sort((a, b) => a.offset - b.offset);
  let at = 0;
  for (const body of functionBodies(bytes)) {
    while (at < mappings.length && mappings[at].offset < body.start) at++;
    if (at < mappings.length && mappings[at].offset < body.end)
      lines[body.index] = mappings[at].line;
  }
  return lines;
}

/**
 * The module without the `sourceMappingURL` custom section asc appends when it writes a map:
 * the bytes are then exactly those of a build without one (same hash, same instrumented module).
 */
export function withoutSourceMapUrl(bytes: Uint8Array): Uint8Array {
  const layout = readLayout(bytes);
  const last = layout.sections[layout.sections.length - 1];
  if (!last || last.id !== SECTION.custom || last.end !== bytes.length) return bytes;
  const name = new Reader(bytes, last.contentStart, last.end).name();
  return name === "sourceMappingURL" ? bytes.slice(0, last.start) : bytes;
}
