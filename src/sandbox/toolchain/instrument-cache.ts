// Instrumented modules cached by SHA-256 of the input bytes + the limits, so re-running an
// unchanged module skips instrumentation. Least recently used entries go first past a byte budget.
import type { InstrumentLimits, InstrumentOutcome } from "../instrument/abi";

type Success = Extract<InstrumentOutcome, { ok: true }>;

export async function cacheKey(bytes: Uint8Array, limits: InstrumentLimits): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  const hash = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  const { maxFuel, maxMemoryBytes, maxTableElements, meter, deferStart, lazyCounter, profile } =
    limits;
  const gc = String(limits.maxGcAllocationBytes);
  const stack = String(limits.maxStackBytes);
  return `${hash}:${String(maxFuel)}:${maxMemoryBytes}:${String(maxTableElements)}:${gc}:${stack}:${meter !== false}:${deferStart === true}:${lazyCounter === true}:${profile === true}`;
}

export class InstrumentCache {
  private readonly entries = new Map<string, Success>();
  private totalBytes = 0;

  constructor(private readonly budgetBytes = 64 * 1024 * 1024) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Success | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-insert: Map order is the recency order
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, outcome: Success): void {
    if (outcome.bytes.byteLength > this.budgetBytes) return;
    if (this.entries.has(key)) return;
    this.entries.set(key, outcome);
    this.totalBytes += outcome.bytes.byteLength;
    for (const [oldKey, old] of this.entries) {
      if (this.totalBytes <= this.budgetBytes) break;
      this.entries.delete(oldKey);
      this.totalBytes -= old.bytes.byteLength;
    }
  }
}

/** instrument() behind the cache; a hit reports instrumentMs 0, the time it really took. */
export async function cachedInstrument(
  cache: InstrumentCache,
  instrument: (bytes: Uint8Array, limits: InstrumentLimits) => Promise<InstrumentOutcome>,
  bytes: Uint8Array,
  limits: InstrumentLimits,
): Promise<InstrumentOutcome> {
  const key = await cacheKey(bytes, limits);
  const hit = cache.get(key);
  if (hit) return { ...hit, instrumentMs: 0 };
  const outcome = await instrument(bytes, limits);
  if (outcome.ok) cache.set(key, outcome);
  return outcome;
}

/**
 * cachedInstrument() as a worker's reply: the bytes are a copy the caller may transfer (the
 * cache keeps its own). Transferring spares the receiving thread a copy of its own (seconds
 * for a 30 MB module on the page's main thread); the copy here is made off that thread.
 */
export async function cachedInstrumentReply(
  cache: InstrumentCache,
  instrument: (bytes: Uint8Array, limits: InstrumentLimits) => Promise<InstrumentOutcome>,
  bytes: Uint8Array,
  limits: InstrumentLimits,
): Promise<{ outcome: InstrumentOutcome; transfer: ArrayBuffer[] }> {
  const outcome = await cachedInstrument(cache, instrument, bytes, limits);
  if (!outcome.ok) return { outcome, transfer: [] };
  const own = outcome.bytes.slice();
  return { outcome: { ...outcome, bytes: own }, transfer: [own.buffer] };
}
