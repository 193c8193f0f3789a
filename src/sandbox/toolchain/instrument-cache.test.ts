import { describe, expect, it } from "vitest";
import type { InstrumentLimits, InstrumentOutcome } from "../instrument/abi";
import {
  cachedInstrument,
  cachedInstrumentReply,
  cacheKey,
  InstrumentCache,
} from "./instrument-cache";

function counting() {
  let calls = 0;
  const instrument = async (
    bytes: Uint8Array,
    limits: InstrumentLimits,
  ): Promise<InstrumentOutcome> => {
    calls++;
    return {
      ok: true,
      bytes: new Uint8Array([...bytes, 0]),
      fuelLimit: limits.maxFuel === undefined ? undefined : BigInt(limits.maxFuel),
      originalSize: bytes.length,
      instrumentedSize: bytes.length + 1,
      lazyFunctions: [],
      threadedFunctions: [],
      instrumentMs: 5,
    };
  };
  return { instrument, calls: () => calls };
}

describe("instrument cache", () => {
  it("skips instrumentation for the same bytes and limits, and reports 0 ms for a hit", async () => {
    const cache = new InstrumentCache();
    const { instrument, calls } = counting();
    const limits = { maxFuel: 10n, maxMemoryBytes: 65_536 };
    const first = await cachedInstrument(cache, instrument, new Uint8Array([1, 2]), limits);
    const second = await cachedInstrument(cache, instrument, new Uint8Array([1, 2]), { ...limits });
    expect(calls()).toBe(1);
    expect(first).toMatchObject({ ok: true, instrumentMs: 5 });
    expect(second).toMatchObject({ ok: true, instrumentMs: 0, instrumentedSize: 3 });
  });

  it("keys on every limit and on the content", async () => {
    const base = await cacheKey(new Uint8Array([1]), { maxFuel: 10n, maxMemoryBytes: 65_536 });
    const keys = await Promise.all([
      cacheKey(new Uint8Array([2]), { maxFuel: 10n, maxMemoryBytes: 65_536 }),
      cacheKey(new Uint8Array([1]), { maxFuel: 11n, maxMemoryBytes: 65_536 }),
      cacheKey(new Uint8Array([1]), { maxFuel: 10n, maxMemoryBytes: 131_072 }),
      cacheKey(new Uint8Array([1]), { maxFuel: 10n, maxMemoryBytes: 65_536, meter: false }),
      cacheKey(new Uint8Array([1]), { maxFuel: 10n, maxMemoryBytes: 65_536, maxTableElements: 5 }),
      cacheKey(new Uint8Array([1]), { maxFuel: 10n, maxMemoryBytes: 65_536, deferStart: true }),
      cacheKey(new Uint8Array([1]), { maxFuel: 10n, maxMemoryBytes: 65_536, lazyCounter: true }),
      cacheKey(new Uint8Array([1]), { maxFuel: 10n, maxMemoryBytes: 65_536, maxGcAllocationBytes: 9 }), // prettier-ignore
      cacheKey(new Uint8Array([1]), { maxFuel: 10n, maxMemoryBytes: 65_536, maxStackBytes: 20_000 }), // prettier-ignore
    ]);
    expect(new Set([base, ...keys]).size).toBe(10);
  });

  it("evicts the least recently used entries past its byte budget", async () => {
    const cache = new InstrumentCache(10);
    const entry = (n: number) => ({
      ok: true as const,
      bytes: new Uint8Array(4),
      fuelLimit: undefined,
      originalSize: n,
      instrumentedSize: 4,
      lazyFunctions: [],
      threadedFunctions: [],
      instrumentMs: 1,
    });
    cache.set("a", entry(1));
    cache.set("b", entry(2));
    cache.get("a"); // a is now the most recent
    cache.set("c", entry(3));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
  });

  it("replies with bytes it can transfer: a hit after a transferred reply still has the module", async () => {
    const cache = new InstrumentCache();
    const { instrument, calls } = counting();
    const limits = { maxFuel: 10n, maxMemoryBytes: 65_536 };
    const first = await cachedInstrumentReply(cache, instrument, new Uint8Array([1, 2]), limits);
    expect(first.transfer).toHaveLength(1);
    // What postMessage does with the transfer list: the sender's buffer is detached.
    const received = structuredClone(first.outcome, { transfer: first.transfer });
    expect(received).toMatchObject({ ok: true, bytes: new Uint8Array([1, 2, 0]) });
    const hit = await cachedInstrumentReply(cache, instrument, new Uint8Array([1, 2]), limits);
    expect(calls()).toBe(1);
    expect(hit.outcome).toMatchObject({
      ok: true,
      instrumentMs: 0,
      bytes: new Uint8Array([1, 2, 0]),
    });
  });

  it("transfers nothing for a refusal", async () => {
    const refuse = async (): Promise<InstrumentOutcome> => ({
      ok: false,
      kind: "invalid_module",
      message: "no",
    });
    const reply = await cachedInstrumentReply(new InstrumentCache(), refuse, new Uint8Array([1]), {
      maxMemoryBytes: 65_536,
    });
    expect(reply).toEqual({
      outcome: { ok: false, kind: "invalid_module", message: "no" },
      transfer: [],
    });
  });
});
