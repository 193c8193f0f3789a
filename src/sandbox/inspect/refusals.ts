// What the inspector refuses, on top of the engine's one reader (../wasm/reader.ts, whose own
// failures are MalformedErrors): an InspectError names the problem and the byte it is at.
import type { Reader } from "../wasm/reader";

export class InspectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InspectError";
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function fail(r: Reader, what: string): never {
  throw new InspectError(`${what} at byte 0x${r.pos.toString(16)}`);
}

/** A vector length, refused when it could not fit in what is left (each item takes ≥ 1 byte). */
export function count(r: Reader, what: string): number {
  const n = r.u32();
  if (n > r.remaining) fail(r, `${what} count ${n} exceeds the remaining ${r.remaining} bytes`);
  return n;
}

/** A name: its length must fit and its bytes be valid UTF-8. */
export function readName(r: Reader): string {
  const length = r.u32();
  if (length > r.remaining) fail(r, `name length ${length} runs past the end`);
  const start = r.pos;
  r.skip(length);
  try {
    return utf8.decode(r.bytes.subarray(start, start + length));
  } catch {
    r.pos = start;
    return fail(r, "invalid UTF-8 in a name");
  }
}
