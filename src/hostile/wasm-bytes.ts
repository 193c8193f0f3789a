// A tiny wasm binary writer for the hostile generators. Hostile inputs (lying lengths, over-long
// LEBs, 100k nested blocks) cannot be written as WAT, and a real toolchain would refuse or
// "fix" them, so they are assembled byte by byte here.

export const MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
export const VERSION = [0x01, 0x00, 0x00, 0x00] as const;

// Section ids as the binary format numbers them (shared with the instrumentation's reader).
export { SECTION } from "../sandbox/instrument/module-layout";

export const I32 = 0x7f;
export const I64 = 0x7e;

/** Unsigned LEB128, minimal length (as a validator expects). */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0 === value ? value : Math.floor(value);
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 for i32.const immediates. */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

/** A vector: count then the items, each already encoded. */
export function vec(items: readonly (readonly number[])[]): number[] {
  return concat([uleb(items.length), ...items]);
}

/** `concat` without spreading huge arrays into argument lists (which overflows the JS stack). */
export function concat(parts: readonly (ArrayLike<number> | readonly number[])[]): number[] {
  const out: number[] = [];
  for (const part of parts) for (let i = 0; i < part.length; i++) out.push(part[i]);
  return out;
}

export function section(id: number, body: ArrayLike<number>): Uint8Array {
  const size = uleb(body.length);
  const out = new Uint8Array(1 + size.length + body.length);
  out[0] = id;
  out.set(size, 1);
  out.set(body as ArrayLike<number>, 1 + size.length);
  return out;
}

/** Concatenates byte chunks into one Uint8Array (used for multi-megabyte modules). */
export function joinBytes(chunks: readonly ArrayLike<number>[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk as ArrayLike<number>, at);
    at += chunk.length;
  }
  return out;
}

export function moduleBytes(sections: readonly Uint8Array[]): Uint8Array {
  return joinBytes([Uint8Array.from([...MAGIC, ...VERSION]), ...sections]);
}

export function funcType(params: readonly number[], results: readonly number[]): number[] {
  return [0x60, ...uleb(params.length), ...params, ...uleb(results.length), ...results];
}

/** A function export entry: name, kind 0, index. */
export function exportFunc(exportName: string, index: number): number[] {
  return [...name(exportName), 0x00, ...uleb(index)];
}

/** One code-section entry: size, local declarations, body (ending in `end`). */
export function codeEntry(
  locals: readonly [count: number, type: number][],
  body: ArrayLike<number>,
): Uint8Array {
  const decls = concat([uleb(locals.length), ...locals.map(([n, t]) => [...uleb(n), t])]);
  const inner = joinBytes([decls, body]);
  return joinBytes([uleb(inner.length), inner]);
}

/**
 * The offsets where each section starts, read from a well-formed module. Used to cut and corrupt
 * valid modules at their section boundaries.
 */
export function sectionBounds(
  bytes: Uint8Array,
): { id: number; start: number; bodyStart: number; end: number }[] {
  const out: { id: number; start: number; bodyStart: number; end: number }[] = [];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    out.push({ id, start, bodyStart: at, end: at + size });
    at += size;
  }
  return out;
}
