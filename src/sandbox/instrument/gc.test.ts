// Wasm 3.0 GC and typed references through the fuel pass (fixtures/wasm3/gc.wat): the same
// values as unmetered, counts by hand (1 per instruction as written, the array instructions
// also per element), a loop whose only back edge is br_on_cast charged every turn, and the
// lazy shape equal to the exact one at every budget. Node 20's V8 has no GC: these run where
// it validates (Node 24: PATH=/tmp/node24/node_modules/.bin:$PATH npx vitest run …).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { DEFAULT_GC_ALLOCATION_BYTES, GC_ALLOCATED_EXPORT } from "./abi";
import { FUEL_PER_ARRAY_ELEMENT } from "./charge-code";
import { GC_OBJECT_HEADER_BYTES } from "./gc-cap";
import { readGrowRefused } from "./read-abi";
import {
  AMPLE,
  MiB,
  bothShapes,
  fuelOf,
  instrumentOk,
  observe,
  sameAtEveryBudget,
  wat,
} from "./test-helpers";

const gc = new Uint8Array(readFileSync(join(import.meta.dirname, "fixtures/wasm3/gc.wasm")));
const hasGc = WebAssembly.validate(gc);

describe.skipIf(!hasGc)("GC and typed references are metered", () => {
  test.each([
    ["list", [10], 55],
    ["arrays", [10], 27],
    ["refs", [2], 42],
    ["cast_loop", [5], 5],
  ])("%s%j: the value unmetered, in every shape", async (entry, args, value) => {
    const plain = await observe(gc, entry, args);
    expect(plain.observed.value).toBe(value);
    for (const counter of ["global", "scratch", "cached", "lazy"] as const) {
      const out = await instrumentOk(gc, { ...AMPLE, lazyCounter: counter === "lazy" });
      const { observed } = await observe(out.bytes, entry, args);
      expect(observed.value, counter).toBe(value);
    }
  });

  test("1 per instruction as written: call_ref, ref.func, i31 (and the callee)", async () => {
    // caller: local.get i32.const ref.func call_ref ref.i31 i31.get_s; $add: 3
    expect(await fuelOf(gc, "refs", [2])).toBe(9n);
  });

  test("a loop whose only back edge is br_on_cast is charged every turn", async () => {
    // entry: ref.null, local.get; each turn: 18 instructions (both arms of the if)
    expect(await fuelOf(gc, "cast_loop", [5])).toBe(2n + 18n * 5n);
    expect(await fuelOf(gc, "cast_loop", [50])).toBe(2n + 18n * 50n);
  });

  test("array.new*, fill, copy, init_data are charged per element before they run", async () => {
    // n elements each for new, new_default, fill; n/2 for copy; 8 new_data, 4 init_data
    const at10 = await fuelOf(gc, "arrays", [10]);
    const at1000 = await fuelOf(gc, "arrays", [1000]);
    expect(at1000 - at10).toBe(FUEL_PER_ARRAY_ELEMENT * (3n * 990n + 495n));
    // A huge array runs out of fuel instead of being allocated.
    const out = await instrumentOk(gc, { ...AMPLE, maxFuel: 1_000_000n });
    const { observed } = await observe(out.bytes, "arrays", [100_000_000]);
    expect(observed.trap).toMatch(/unreachable/);
  });

  test("the lazy shape stops where the exact one does, at every budget", async () => {
    await sameAtEveryBudget(gc, "cast_loop", [3]);
    await sameAtEveryBudget(gc, "list", [3]);
    const { lazy, exact } = await bothShapes(gc, "arrays", [50]);
    expect(lazy).toEqual(exact);
  });
});

const hoard = new Uint8Array(
  readFileSync(join(import.meta.dirname, "fixtures/wasm3/gc-hoard.wasm")),
);

describe.skipIf(!hasGc)("the GC allocation cap", () => {
  const allocated = (instance: WebAssembly.Instance) =>
    (instance.exports[GC_ALLOCATED_EXPORT] as WebAssembly.Global).value as bigint;

  test("counts bytes by declared sizes, the same on every run", async () => {
    const out = await instrumentOk(gc, AMPLE);
    const { instance } = await observe(out.bytes, "list", [10]);
    // 10 × struct $node: header 8, i32 4, a reference 8
    expect(allocated(instance)).toBe(10n * (8n + 12n));
    const arrays = await observe(out.bytes, "arrays", [10]);
    // new and new_default 10 × i32; new_data 8 × i8; new_fixed 3 × i32; each with a header
    expect(allocated(arrays.instance)).toBe(4n * GC_OBJECT_HEADER_BYTES + 40n + 40n + 8n + 12n);
  });

  test.each([
    ["metered, unlimited fuel", { maxFuel: undefined }],
    ["unmetered", { meter: false }],
  ])("an allocation bomb ends at the cap, before the allocation (%s)", async (_, over) => {
    const limits = { ...AMPLE, ...over, maxGcAllocationBytes: 64 * MiB };
    const out = await instrumentOk(hoard, limits);
    const { observed, instance } = await observe(out.bytes, "main");
    expect(observed.trap).toMatch(/unreachable/);
    expect(readGrowRefused(instance)).toBe("gc");
    // Seven 8 MiB arrays (and their structs) fit in 64 MiB; the eighth is refused.
    expect(observed.globals.count).toBe(7);
    expect(allocated(instance)).toBeGreaterThan(64n * BigInt(MiB));
  });

  test("the default cap is 256 MiB", async () => {
    const out = await instrumentOk(hoard, { ...AMPLE, maxFuel: undefined });
    const { observed, instance } = await observe(out.bytes, "main");
    expect(readGrowRefused(instance)).toBe("gc");
    expect(BigInt(DEFAULT_GC_ALLOCATION_BYTES)).toBe(256n * BigInt(MiB));
    expect(observed.globals.count).toBe(31);
  });

  test("a module that allocates nothing gains no GC global", async () => {
    const out = await instrumentOk(await wat(`(module (func (export "f")))`));
    const { instance } = await observe(out.bytes, "f");
    expect(instance.exports[GC_ALLOCATED_EXPORT]).toBeUndefined();
  });
});
