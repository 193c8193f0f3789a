// zlib deflate/inflate through the platform's CompressionStream (Node ≥ 18, every current
// browser): no library in the bundle. Inflating streams with a byte cap, so a decompression
// bomb is abandoned after `maxBytes` and its remainder is never produced.

/** zlib format: deflate plus an Adler-32 check of the inflated bytes (format.ts says why). */
const FORMAT: CompressionFormat = "deflate";

async function collect(readable: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(readable).arrayBuffer());
}

export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream(FORMAT);
  const writer = stream.writable.getWriter();
  // Not awaited before reading: the stream applies backpressure, awaiting would deadlock.
  // A failure also rejects the read below, which is where it is reported.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  return collect(stream.readable);
}

export type Inflated =
  | { ok: true; bytes: Uint8Array }
  /** Bad data, a bad checksum, or input that ended before the stream did. */
  | { ok: false; reason: "corrupt"; detail: string }
  /** Stopped early: more than maxBytes would come out. `produced` is what was inflated. */
  | { ok: false; reason: "too_large"; produced: number };

/**
 * Input is fed in slices this big, one after another. Chromium's DecompressionStream inflates a
 * whole written chunk before yielding (backpressure acts only between chunks), and deflate
 * reaches ~1,032:1, so one slice yields at most ~264 KiB: the most we ever hold past the cap.
 */
const INPUT_SLICE_BYTES = 256;

export async function inflateWithCap(
  compressed: Uint8Array,
  maxBytes: number,
  /** Bigger slices inflate a big file faster; the overshoot past the cap grows with them. */
  sliceBytes: number = INPUT_SLICE_BYTES,
): Promise<Inflated> {
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream(FORMAT);
  } catch (error) {
    return { ok: false, reason: "corrupt", detail: String(error) };
  }
  const writer = stream.writable.getWriter();
  let stopped = false;
  // Runs beside the reader. Its errors also error the readable, where they are reported;
  // after we cancel, its pending write rejects, which is expected.
  void (async () => {
    try {
      for (let at = 0; at < compressed.length && !stopped; at += sliceBytes) {
        await writer.write(compressed.slice(at, at + sliceBytes));
      }
      if (!stopped) await writer.close();
    } catch {
      // Reported by the reader.
    }
  })();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let produced = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      produced += value.length;
      if (produced > maxBytes) {
        stopped = true;
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too_large", produced };
      }
      chunks.push(value);
    }
  } catch (error) {
    stopped = true;
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: "corrupt", detail };
  }
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes: out };
}
