import { describe, expect, it } from "vitest";
import { deflate, inflateWithCap } from "./compression";
import { zlibBomb } from "./test-support";

const MiB = 1024 * 1024;

describe("inflateWithCap", () => {
  it("round-trips through deflate", async () => {
    const data = new TextEncoder().encode("héllo ".repeat(1000));
    const back = await inflateWithCap(await deflate(data), 1 * MiB);
    expect(back).toEqual({ ok: true, bytes: data });
  });

  it("stops a 1 GiB bomb right after the cap, without producing the rest", async () => {
    const bomb = zlibBomb(1024);
    expect(bomb.length).toBeLessThan(1.1 * MiB); // ~1,000× smaller than what it claims
    const result = await inflateWithCap(bomb, 2 * MiB);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "too_large") throw new Error("expected too_large");
    // Streamed in chunks: at most one chunk past the cap was ever inflated, not 1 GiB.
    expect(result.produced).toBeGreaterThan(2 * MiB);
    expect(result.produced).toBeLessThan(2 * MiB + 256 * 1024);
  });

  it("accepts exactly the cap", async () => {
    const data = new Uint8Array(64 * 1024).fill(1);
    expect((await inflateWithCap(await deflate(data), data.length)).ok).toBe(true);
    expect(await inflateWithCap(await deflate(data), data.length - 1)).toMatchObject({
      ok: false,
      reason: "too_large",
    });
  });

  it("reports a failed checksum and a cut-off stream as corrupt", async () => {
    const good = await deflate(new TextEncoder().encode("some text ".repeat(50)));
    const badSum = good.slice();
    badSum[badSum.length - 1] ^= 1;
    expect(await inflateWithCap(badSum, MiB)).toMatchObject({ ok: false, reason: "corrupt" });
    expect(await inflateWithCap(good.subarray(0, good.length - 4), MiB)).toMatchObject({
      ok: false,
      reason: "corrupt",
    });
    expect(await inflateWithCap(new Uint8Array([1, 2, 3]), MiB)).toMatchObject({
      ok: false,
      reason: "corrupt",
    });
  });
});
