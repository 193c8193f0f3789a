// memoryUsedBytes is the total of all the guest's memories (the cap bounds the total).
import { describe, expect, it } from "vitest";
import { memoryInUse } from "./guest-run";

const PAGE = 65_536;

describe("memoryInUse", () => {
  it("adds up every exported memory once, and the imported one", () => {
    const first = new WebAssembly.Memory({ initial: 2 });
    const second = new WebAssembly.Memory({ initial: 3 });
    const imported = new WebAssembly.Memory({ initial: 5 });
    const instance = {
      exports: { __sandbox_memory: first, m: first, __sandbox_memory_1: second, f: () => 0 },
    } as unknown as WebAssembly.Instance;
    expect(memoryInUse(instance, first)).toBe(5 * PAGE);
    expect(memoryInUse(instance, imported)).toBe(10 * PAGE);
    expect(memoryInUse(undefined, imported)).toBe(5 * PAGE);
    expect(memoryInUse(undefined, undefined)).toBe(0);
  });
});
