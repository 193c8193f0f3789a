import { afterEach, describe, expect, it } from "vitest";
import { compileAssemblyScript } from "./compile-assemblyscript";
import { guardedCall, installMemoryGuard, type MemoryGuard } from "./memory-guard";

const MiB = 1024 * 1024;
let guard: MemoryGuard | undefined;
afterEach(() => {
  guard?.uninstall();
  guard = undefined;
});

describe("installMemoryGuard", () => {
  it("refuses a growth past the bound, counting every memory that grew, and says so once", () => {
    guard = installMemoryGuard(4 * MiB);
    const a = new WebAssembly.Memory({ initial: 1 });
    const b = new WebAssembly.Memory({ initial: 1 });
    expect(a.grow(31)).toBe(1); // a: 2 MiB
    expect(guard.heldBytes()).toBe(2 * MiB);
    expect(() => b.grow(32)).toThrow(RangeError); // 2 + 2 MiB + b's own 64 KiB
    expect(b.buffer.byteLength).toBe(65_536);
    expect(guard.takeRefusal()).toBe(true);
    expect(guard.takeRefusal()).toBe(false);
    expect(b.grow(31)).toBe(1);
    expect(guard.heldBytes()).toBe(4 * MiB);
  });

  it("puts grow back when uninstalled", () => {
    guard = installMemoryGuard(MiB);
    guard.uninstall();
    expect(new WebAssembly.Memory({ initial: 1 }).grow(32)).toBe(1);
  });
});

describe("the AssemblyScript compiler under the guard", () => {
  it("ends a compile whose static data would take GiBs on the bound, with a clear error", async () => {
    const ok = await compileAssemblyScript("export function main(): i32 { return 42; }\n");
    expect(ok.ok).toBe(true);
    guard = installMemoryGuard(256 * MiB);
    const started = performance.now();
    const compiling = guardedCall(guard, "the AssemblyScript compiler", () =>
      compileAssemblyScript(
        "const p = memory.data(0x7ff00000);\nexport function main(): i32 { return load<i32>(p); }\n",
      ),
    );
    await expect(compiling).rejects.toThrow(
      "the AssemblyScript compiler needed more than 256 MiB of memory, so it was stopped",
    );
    console.log(`bomb ended in ${Math.round(performance.now() - started)} ms`);
    expect(guard.heldBytes()).toBeLessThanOrEqual(256 * MiB);
  }, 120_000);

  it("passes a call's result through when nothing was refused", async () => {
    guard = installMemoryGuard(256 * MiB);
    await expect(guardedCall(guard, "x", async () => 7)).resolves.toBe(7);
    await expect(
      guardedCall(guard, "x", async () => Promise.reject(new Error("its own error"))),
    ).rejects.toThrow("its own error");
  });
});
