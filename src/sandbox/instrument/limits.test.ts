// The memory-cap pass: initial sizes over the cap refused, maxima lowered, refused grows flagged.
import { describe, expect, test } from "vitest";
import { FUEL_REMAINING_EXPORT, MEMORY_EXPORT, instrument, readGrowRefused } from "./index";
import { AMPLE, MiB, instrumentOk, observe, wat } from "./test-helpers";

const PAGE = 65_536;

const growModule = (memory: string) =>
  wat(`(module ${memory}
    (table $t 1 funcref)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "size") (result i32) (memory.size))
    (func (export "tgrow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))`);

describe("memory cap", () => {
  test("a declared initial size over the cap is refused, naming pages and bytes", async () => {
    const bytes = await growModule("(memory 20)");
    const outcome = await instrument(bytes, { maxMemoryBytes: 16 * PAGE });
    expect(outcome).toMatchObject({ ok: false, kind: "memory_limit" });
    if (outcome.ok) return;
    expect(outcome.message).toContain("20 pages (1,310,720 bytes)");
    expect(outcome.message).toContain("16 pages (1,048,576 bytes)");
  });

  test("an initial size equal to the cap is accepted", async () => {
    const outcome = await instrument(await growModule("(memory 16)"), {
      maxMemoryBytes: 16 * PAGE,
    });
    expect(outcome.ok).toBe(true);
  });

  test("the cap is rounded down to whole pages", async () => {
    const outcome = await instrument(await growModule("(memory 16)"), {
      maxMemoryBytes: 16 * PAGE - 1,
    });
    expect(outcome).toMatchObject({ ok: false, kind: "memory_limit" });
  });

  for (const decl of ["(memory 1)", "(memory 1 1000)", "(memory 1 65536)"]) {
    test(`grow within the cap works, past it returns -1 and sets the flag: ${decl}`, async () => {
      const outcome = await instrumentOk(await growModule(decl), {
        maxMemoryBytes: 8 * PAGE,
        maxFuel: 10n ** 9n,
      });
      const { instance } = await observe(outcome.bytes, "size");
      const grow = instance.exports.grow as (n: number) => number;
      expect(grow(3)).toBe(1);
      expect(readGrowRefused(instance)).toBeUndefined();
      expect(grow(4)).toBe(4);
      expect((instance.exports.size as () => number)()).toBe(8);
      expect(readGrowRefused(instance)).toBeUndefined();
      expect(grow(1)).toBe(-1);
      expect(readGrowRefused(instance)).toBe("memory");
      const memory = instance.exports[MEMORY_EXPORT] as WebAssembly.Memory;
      expect(memory.buffer.byteLength).toBe(8 * PAGE);
      // The maximum itself is lowered: growing from the host is refused too.
      expect(() => memory.grow(1)).toThrow(RangeError);
    });
  }

  test("a module's own lower maximum still applies and is not reported as the cap", async () => {
    const outcome = await instrumentOk(await growModule("(memory 1 2)"), AMPLE);
    const { instance } = await observe(outcome.bytes, "size");
    const grow = instance.exports.grow as (n: number) => number;
    expect(grow(2)).toBe(-1);
    expect(readGrowRefused(instance)).toBeUndefined();
  });

  test("imported memories: initial checked, maximum lowered on the import", async () => {
    const src = (limits: string) =>
      wat(`(module (import "env" "memory" (memory ${limits}))
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
    const over = await instrument(await src("10"), { maxMemoryBytes: 4 * PAGE });
    expect(over).toMatchObject({ ok: false, kind: "memory_limit" });
    if (!over.ok) expect(over.message).toMatch(/imported memory 0/);
    const ok = await instrumentOk(await src("1"), { maxMemoryBytes: 4 * PAGE, maxFuel: 10n ** 9n });
    const [imported] = WebAssembly.Module.imports(new WebAssembly.Module(ok.bytes as never));
    expect(imported.kind).toBe("memory");
    // A host memory bigger than the cap no longer links; one within it does.
    const big = new WebAssembly.Memory({ initial: 1, maximum: 100 });
    await expect(observe(ok.bytes, "grow", [], { env: { memory: big } })).rejects.toThrow();
    const small = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const { instance } = await observe(ok.bytes, "grow", [1], { env: { memory: small } });
    expect((instance.exports.grow as (n: number) => number)(5)).toBe(-1);
    expect(readGrowRefused(instance)).toBe("memory");
    expect(instance.exports[MEMORY_EXPORT]).toBe(small);
  });

  test("the first memory is exported for the runner, besides the module's own export", async () => {
    const outcome = await instrumentOk(await wat(`(module (memory (export "m") 1))`));
    const { instance } = await observe(outcome.bytes, "none");
    expect(instance.exports[MEMORY_EXPORT]).toBe(instance.exports.m);
  });

  test("meter: false caps memory but adds no fuel counter", async () => {
    const outcome = await instrumentOk(await growModule("(memory 1)"), {
      maxMemoryBytes: 2 * PAGE,
      meter: false,
    });
    expect(outcome.fuelLimit).toBeUndefined();
    const { instance } = await observe(outcome.bytes, "size");
    expect(instance.exports[FUEL_REMAINING_EXPORT]).toBeUndefined();
    expect((instance.exports.grow as (n: number) => number)(2)).toBe(-1);
    expect(readGrowRefused(instance)).toBe("memory");
  });
});

describe("table cap", () => {
  test("initial over the cap refused; grow past it returns -1 and sets the flag", async () => {
    const bytes = await wat(`(module (table 5 funcref))`);
    const over = await instrument(bytes, { ...AMPLE, maxTableElements: 4 });
    expect(over).toMatchObject({ ok: false, kind: "memory_limit" });
    if (!over.ok) expect(over.message).toMatch(/table 0 declares 5 initial elements.*cap of 4/);

    const outcome = await instrumentOk(await growModule("(memory 1)"), {
      ...AMPLE,
      maxTableElements: 10,
    });
    const { instance } = await observe(outcome.bytes, "size");
    const tgrow = instance.exports.tgrow as (n: number) => number;
    expect(tgrow(9)).toBe(1);
    expect(readGrowRefused(instance)).toBeUndefined();
    expect(tgrow(1)).toBe(-1);
    expect(readGrowRefused(instance)).toBe("table");
  });

  test("without a table cap tables are left alone", async () => {
    const outcome = await instrumentOk(await growModule("(memory 1)"), { maxMemoryBytes: MiB });
    const { instance } = await observe(outcome.bytes, "size");
    expect((instance.exports.tgrow as (n: number) => number)(1000)).toBe(1);
  });
});
