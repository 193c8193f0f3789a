// The binary frame inside a link: JSON first, then the blobs it references by index.
// Layout in format.ts. Reading never throws: a malformed frame is a typed failure.

/** Unsigned LEB128, at most 5 bytes (values < 2^35; we only store lengths ≤ a few MiB). */
export function writeVarint(value: number, out: number[]): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** Returns the value and the offset after it, or undefined when the bytes end or run long. */
export function readVarint(
  bytes: Uint8Array,
  offset: number,
): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = offset; i < bytes.length && i < offset + 5; i++) {
    value += (bytes[i] & 0x7f) * scale;
    if ((bytes[i] & 0x80) === 0) return { value, next: i + 1 };
    scale *= 0x80;
  }
  return undefined;
}

export function packFrame(json: string, blobs: readonly Uint8Array[]): Uint8Array {
  const jsonBytes = new TextEncoder().encode(json);
  const header: number[] = [];
  writeVarint(jsonBytes.length, header);
  const blobHeaders = blobs.map((blob) => {
    const lengthBytes: number[] = [];
    writeVarint(blob.length, lengthBytes);
    return lengthBytes;
  });
  const total =
    header.length +
    jsonBytes.length +
    blobs.reduce((sum, blob, i) => sum + blobHeaders[i].length + blob.length, 0);
  const frame = new Uint8Array(total);
  frame.set(header, 0);
  frame.set(jsonBytes, header.length);
  let offset = header.length + jsonBytes.length;
  blobs.forEach((blob, i) => {
    frame.set(blobHeaders[i], offset);
    offset += blobHeaders[i].length;
    frame.set(blob, offset);
    offset += blob.length;
  });
  return frame;
}

export type UnpackedFrame =
  | { ok: true; json: string; blobs: Uint8Array[] }
  | { ok: false; reason: "bad_header" | "bad_blob" | "bad_utf8" };

export function unpackFrame(frame: Uint8Array): UnpackedFrame {
  const header = readVarint(frame, 0);
  if (!header || header.next + header.value > frame.length)
    return { ok: false, reason: "bad_header" };
  let json: string;
  try {
    // fatal: invalid UTF-8 is damage, not text to show with replacement characters.
    json = new TextDecoder("utf-8", { fatal: true }).decode(
      frame.subarray(header.next, header.next + header.value),
    );
  } catch {
    return { ok: false, reason: "bad_utf8" };
  }
  const blobs: Uint8Array[] = [];
  let offset = header.next + header.value;
  while (offset < frame.length) {
    const length = readVarint(frame, offset);
    if (!length || length.next + length.value > frame.length)
      return { ok: false, reason: "bad_blob" };
    // A copy, so the state does not keep the whole frame alive.
    blobs.push(frame.slice(length.next, length.next + length.value));
    offset = length.next + length.value;
  }
  return { ok: true, json, blobs };
}
