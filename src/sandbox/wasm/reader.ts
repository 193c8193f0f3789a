// The engine's one reader and writer of the WebAssembly binary format (core spec 2.0 + the
// shipped proposals, https://webassembly.github.io/spec/core/binary/): a bounds-checked LEB128
// cursor and the few encoders the passes need. Every read past the end throws a MalformedError
// (instrument() turns it into an invalid_module outcome, inspect() into its message).

export class MalformedError extends Error {
  override name = "MalformedError";
}

export class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    readonly end = bytes.length,
  ) {
    this.pos = pos;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private fail(what: string, at = this.pos): never {
    throw new MalformedError(`${what} at byte 0x${at.toString(16)}`);
  }

  byte(): number {
    if (this.pos >= this.end) this.fail("unexpected end of data");
    return this.bytes[this.pos++];
  }

  peek(): number {
    if (this.pos >= this.end) this.fail("unexpected end of data");
    return this.bytes[this.pos];
  }

  skip(n: number): void {
    if (n < 0 || this.pos + n > this.end) this.fail("unexpected end of data");
    this.pos += n;
  }

  /** Unsigned LEB128 up to 32 bits, as a number. */
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift === 28) {
        if (b > 0x0f) this.fail("u32 LEB128 out of range", this.pos - 1);
        return (result + b * 2 ** 28) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  /** Signed LEB128 up to 32 bits (an i32.const's immediate). */
  s32(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && shift < 35);
    if (shift < 32 && b & 0x40) result |= -1 << shift;
    return result | 0;
  }

  /** Unsigned LEB128 up to 64 bits, as a bigint (memory and table limits). */
  u64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
    return this.fail("LEB128 too long");
  }

  /** Signed LEB128 up to 33 bits, as a number (block types and heap types). */
  s33(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return b & 0x40 ? result - 2 ** shift : result;
    }
    return this.fail("s33 LEB128 too long");
  }

  /** Skips a LEB128 of at most `maxBytes` bytes (5 for 32/33 bits, 10 for 64) undecoded. */
  skipLeb(maxBytes = 10): void {
    for (let i = 0; i < maxBytes; i++) {
      if ((this.byte() & 0x80) === 0) return;
    }
    this.fail("LEB128 too long");
  }

  name(): string {
    const len = this.u32();
    const start = this.pos;
    this.skip(len);
    return new TextDecoder().decode(this.bytes.subarray(start, start + len));
  }
}

/** Unsigned LEB128 encoding. */
export function encodeU32(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 encoding of a 64-bit value. */
export function encodeS64(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asIntN(64, value);
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const signBit = (b & 0x40) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export function encodeName(name: string): number[] {
  const utf8 = new TextEncoder().encode(name);
  return [...encodeU32(utf8.length), ...utf8];
}

/** Joins byte chunks into one array. */
export function concat(chunks: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A growable output buffer. */
export class Writer {
  private buf: Uint8Array<ArrayBuffer>;
  length = 0;
  constructor(capacity = 1024) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  push(bytes: Uint8Array | readonly number[]): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  u32(value: number): void {
    this.push(encodeU32(value));
  }

  result(): Uint8Array<ArrayBuffer> {
    return this.buf.subarray(0, this.length);
  }
}
