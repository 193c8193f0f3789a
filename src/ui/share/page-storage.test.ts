import { describe, expect, it } from "vitest";
import { openPageStorage } from "./page-storage";

describe("openPageStorage", () => {
  it("falls back to storage in memory, with a notice, when reading localStorage throws", () => {
    const opened = openPageStorage(() => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    });
    expect(opened.blocked).toMatch(/does not let the page use its storage .*insecure/);
    opened.storage.setItem("k", "v");
    expect(opened.storage.getItem("k")).toBe("v");
  });

  it("falls back when the storage object exists but every read throws", () => {
    const throwing = {
      getItem() {
        throw new Error("denied");
      },
    } as unknown as Storage;
    expect(openPageStorage(() => throwing).blocked).toMatch(/denied/);
  });

  it("uses the browser's storage when it works", () => {
    const items = new Map<string, string>();
    const real = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    } as unknown as Storage;
    const opened = openPageStorage(() => real);
    expect(opened.blocked).toBeNull();
    expect(opened.storage).toBe(real);
  });
});
