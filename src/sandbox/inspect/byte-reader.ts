// A bounds-checked cursor over untrusted bytes: every read checks the end, every LEB128 its
// length, so a hostile module ends in an InspectError rather than a host exception or a hang.

export class InspectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InspectError";
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class ByteReader {
  constructor(
    readonly bytes: Uint8Array,
    public offset = 0,
    readonly end = bytes.length,
  ) {}

  get remaining(): number {
    return this.end - this.offset;
  }

  atEnd(): boolean {
    return this.offset >= this.end;
  }

  fail(what: string): never {
    throw new InspectError(`${what} at byte 0x${this.offset.toString(16)}`);
  }

  byte(): number {
    if (this.offset >= this.end) this.fail("unexpected end of data");
    return this.bytes[this.offset++]!;
  }

  skip(count: number): void {
    if (count < 0 || count > this.remaining) this.fail(`cannot skip ${count} bytes`);
    this.offset += count;
  }

  take(count: number): Uint8Array {
    const start = this.offset;
    this.skip(count);
    return this.bytes.subarray(start, start + count);
  }

  /** Unsigned LEB128 of at most `bits` bits; for u32 the result is a plain number. */
  u32(): number {
    let result = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      if (i === 4 && (b & 0xf0) !== 0) this.fail("u32 LEB128 out of range");
      result += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return result;
    }
    return this.fail("u32 LEB128 too long");
  }

  /** Unsigned LEB128 up to 64 bits, as a number (exact below 2^53; enough for limits). */
  u64(): number {
    let result = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return result;
    }
    return this.fail("u64 LEB128 too long");
  }

  /** Skips a signed LEB128 of at most `maxBytes` bytes (5 for s32/s33, 10 for s64). */
  skipSigned(maxBytes: number): void {
    for (let i = 0; i < maxBytes; i++) {
      if ((this.byte() & 0x80) === 0) return;
    }
    this.fail("signed LEB128 too long");
  }

  /** Signed LEB128 up to 33 bits, as a number (block types and heap types). */
  s33(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        return b & 0x40 ? result - 2 ** shift : result;
      }
    }
    return this.fail("s33 LEB128 too long");
  }

  /** A vector length, refused when it could not fit in what is left (each item takes ≥ 1 byte). */
  count(what: string): number {
    const n = this.u32();
    if (n > this.remaining)
      this.fail(`${what} count ${n} exceeds the remaining ${this.remaining} bytes`);
    return n;
  }

  name(): string {
    const length = this.u32();
    if (length > this.remaining) this.fail(`name length ${length} runs past the end`);
    try {
      return utf8.decode(this.take(length));
    } catch {
      return this.fail("invalid UTF-8 in a name");
    }
  }
}
