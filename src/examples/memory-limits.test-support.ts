// Rewrites the memory section of a small module so its one memory declares a maximum: lets a
// test see a memory.grow loop stop at a cap without the sandbox's instrumentation.

function readLeb(bytes: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let cursor = offset;
  for (;;) {
    const byte = bytes[cursor++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, cursor];
  }
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

export function withMemoryMaximum(bytes: Uint8Array, maxPages: number): Uint8Array<ArrayBuffer> {
  const out: number[] = [...bytes.subarray(0, 8)];
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset];
    const [size, start] = readLeb(bytes, offset + 1);
    const end = start + size;
    if (id === 5) {
      const [count, afterCount] = readLeb(bytes, start);
      if (count !== 1 || bytes[afterCount] !== 0) throw new Error("expected one memory, no max");
      const [initial] = readLeb(bytes, afterCount + 1);
      const body = [1, 1, ...leb(initial), ...leb(maxPages)];
      out.push(5, ...leb(body.length), ...body);
    } else {
      out.push(...bytes.subarray(offset, end));
    }
    offset = end;
  }
  return new Uint8Array(out);
}
