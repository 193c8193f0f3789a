import { describe, expect, it } from "vitest";
import { isShared, toShared, unshared } from "./shared-bytes";

describe("shared module bytes", () => {
  it("gives a worker its own copy of a view on shared memory, which digest accepts", async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(8));
    shared.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    await expect(
      crypto.subtle.digest("SHA-256", shared as unknown as BufferSource),
    ).rejects.toThrow();
    const own = unshared(shared);
    expect(isShared(own)).toBe(false);
    expect([...own]).toEqual([...shared]);
    await expect(crypto.subtle.digest("SHA-256", own)).resolves.toBeInstanceOf(ArrayBuffer);
  });

  it("leaves ordinary bytes as they are (no copy)", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(unshared(bytes)).toBe(bytes);
  });

  it("moves bytes to shared memory only where the context is cross-origin isolated", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const isolated = globalThis.crossOriginIsolated;
    try {
      Object.assign(globalThis, { crossOriginIsolated: false });
      expect(toShared(bytes)).toBe(bytes);
      Object.assign(globalThis, { crossOriginIsolated: true });
      const shared = toShared(bytes);
      expect(isShared(shared)).toBe(true);
      expect([...shared]).toEqual([1, 2, 3]);
    } finally {
      Object.assign(globalThis, { crossOriginIsolated: isolated });
    }
  });
});
