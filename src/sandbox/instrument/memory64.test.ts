// memory64 and table64 under the same caps (fixtures/wasm3/memory64.wat): the cap bounds the
// total of a 64-bit and a 32-bit memory, a grow past it returns -1 and is flagged, an initial
// size over it is refused, and an i64 length or delta is charged like an i32 one (a huge one
// runs out of fuel, never wraps into a negative charge). Node 20's V8 has no memory64: these
// run where it validates (Node 24).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { instrument } from "./index";
import { readGrowRefused } from "./read-abi";
import { AMPLE, fuelOf, instrumentOk, observe } from "./test-helpers";

const m64 = new Uint8Array(readFileSync(join(import.meta.dirname, "fixtures/wasm3/memory64.wasm")));
const has64 = WebAssembly.validate(m64);
const CAP = { ...AMPLE, maxMemoryBytes: 4 * 65_536, maxTableElements: 10 };

describe.skipIf(!has64)("memory64 and table64 under the caps", () => {
  test("the cap bounds the total of the 64-bit and the 32-bit memory", async () => {
    const out = await instrumentOk(m64, CAP);
    const { instance } = await observe(out.bytes, "grow64", [1n]);
    const grow64 = instance.exports.grow64 as (d: bigint) => bigint;
    const grow32 = instance.exports.grow32 as (d: number) => number;
    expect(readGrowRefused(instance)).toBeUndefined(); // 1 + 1 → 3 of 4 pages
    expect(grow32(1)).toBe(1); // 4 of 4
    expect(grow64(1n)).toBe(-1n);
    expect(readGrowRefused(instance)).toBe("memory");
    expect(grow64(2n ** 63n)).toBe(-1n); // a delta past 2^63 is over the cap by itself
  });

  test("a 64-bit table's grow is capped the same way", async () => {
    const out = await instrumentOk(m64, CAP);
    const { observed, instance } = await observe(out.bytes, "tgrow", [9n]);
    expect(observed.value).toBe(1n);
    expect((instance.exports.tgrow as (d: bigint) => bigint)(1n)).toBe(-1n);
    expect(readGrowRefused(instance)).toBe("table");
  });

  test("an initial size over the cap is refused before the run", async () => {
    const outcome = await instrument(m64, { ...AMPLE, maxMemoryBytes: 65_536 });
    expect(outcome).toMatchObject({ ok: false, kind: "memory_limit" });
  });

  test("i64 lengths and deltas are charged as i32 ones are", async () => {
    // memory.fill: 1 per 8 bytes; a grow: 8192 per page; table.fill: 1 per element
    const fill = async (n: bigint) => fuelOf(m64, "fill64", [n], CAP);
    expect((await fill(65_536n)) - (await fill(0n))).toBe(65_536n / 8n);
    const grow = async (n: bigint) => fuelOf(m64, "grow64", [n], CAP);
    expect((await grow(2n)) - (await grow(0n))).toBe(2n * 8192n);
    const tfill = async (n: bigint) => fuelOf(m64, "tfill", [n], CAP);
    expect((await tfill(1n)) - (await tfill(0n))).toBe(1n);
  });

  test("a huge i64 length runs out of fuel; it never becomes a negative charge", async () => {
    const cases = [
      ["fill64", 2n ** 63n],
      ["fill64", 2n ** 64n - 1n],
      ["fill64", 2n ** 50n],
      ["tfill", 2n ** 64n - 1n], // -1 as a signed i64
      ["tfill", 2n ** 63n],
    ] as const;
    for (const [entry, len] of cases) {
      const out = await instrumentOk(m64, { ...CAP, maxFuel: 10n ** 12n });
      const { observed, instance } = await observe(out.bytes, entry, [len]);
      expect(observed.trap, `${entry} ${len}`).toMatch(/unreachable/);
      const left = (instance.exports.__sandbox_fuel_remaining as WebAssembly.Global).value;
      expect(left).toBeLessThan(0n);
    }
    // Within the budget, the same length is charged and then fails as the spec says.
    const out = await instrumentOk(m64, { ...CAP, maxFuel: 2n ** 62n });
    const { observed } = await observe(out.bytes, "fill64", [2n ** 63n]);
    expect(observed.trap).toMatch(/out of bounds/);
  });

  test("loads with a 64-bit address read the same instrumented", async () => {
    const out = await instrumentOk(m64, CAP);
    expect((await observe(out.bytes, "load64", [5n])).observed.value).toBe(0);
    expect((await observe(out.bytes, "load64", [2n ** 40n])).observed.trap).toMatch(/bounds/);
  });
});
