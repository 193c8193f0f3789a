// Collects guest output, enforces maxOutputBytes, and streams it out in batches: a guest that
// prints one byte per call must not cost one postMessage per byte. Yet a guest that prints a
// line and then hangs must not lose that line when the watchdog kills the worker (nothing can
// flush a buffer then), so the first few writes of every interval are sent at once; only
// floods are batched, and at most one interval's tail of a flood can be lost to a kill.
import { OutputLimitReached } from "./guest-signals";

export type Stream = "stdout" | "stderr";

const FLUSH_BYTES = 16 * 1024;
/**
 * The most text one output event carries: a guest that writes 64 MiB in one call reaches the
 * caller's thread as many bounded messages, never as one 64 MiB string.
 */
export const MAX_EVENT_CHARS = 1024 * 1024;
const FLUSH_INTERVAL_MS = 50;
/** Writes sent at once per interval before batching starts. */
const IMMEDIATE_WRITES_PER_INTERVAL = 8;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export class OutputSink {
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  private readonly collected = { stdout: "", stderr: "" };
  private readonly pending = { stdout: "", stderr: "" };
  private pendingBytes = 0;
  private totalBytes = 0;
  private lastFlush: number;
  private windowStart: number;
  private immediateInWindow = 0;
  limitReached = false;

  constructor(
    private readonly limitBytes: number,
    private readonly emit: (stream: Stream, text: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastFlush = now();
    this.windowStart = this.lastFlush;
  }

  /** Appends bytes; throws OutputLimitReached (after keeping what fits) once the cap is passed. */
  write(stream: Stream, bytes: Uint8Array): void {
    if (this.limitReached) throw new OutputLimitReached(this.limitBytes);
    const room = this.limitBytes - this.totalBytes;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    this.append(stream, this.decoders[stream].decode(kept, { stream: true }), kept.length);
    if (kept.length < bytes.length) {
      this.limitReached = true;
      this.flush();
      throw new OutputLimitReached(this.limitBytes);
    }
    // Time is checked on write: the worker's event loop is blocked while the guest runs.
    const now = this.now();
    if (now - this.windowStart >= FLUSH_INTERVAL_MS) {
      this.windowStart = now;
      this.immediateInWindow = 0;
    }
    if (this.immediateInWindow < IMMEDIATE_WRITES_PER_INTERVAL) {
      this.immediateInWindow++;
      this.flush();
    } else if (this.pendingBytes >= FLUSH_BYTES || now - this.lastFlush >= FLUSH_INTERVAL_MS) {
      this.flush();
    }
  }

  private append(stream: Stream, text: string, byteCount: number): void {
    this.totalBytes += byteCount;
    this.pendingBytes += byteCount;
    this.collected[stream] += text;
    this.pending[stream] += text;
  }

  flush(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      const text = this.pending[stream];
      for (let at = 0; at < text.length;) {
        let end = Math.min(text.length, at + MAX_EVENT_CHARS);
        // A surrogate pair stays in one event, so each event is whole text.
        if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
        this.emit(stream, text.slice(at, end));
        at = end;
      }
      this.pending[stream] = "";
    }
    this.pendingBytes = 0;
    this.lastFlush = this.now();
  }

  /** Ends the streams (a cut multi-byte character becomes U+FFFD) and sends the rest. */
  finish(): { stdout: string; stderr: string } {
    for (const stream of ["stdout", "stderr"] as const) {
      this.append(stream, this.decoders[stream].decode(), 0);
    }
    this.flush();
    return { ...this.collected };
  }
}
