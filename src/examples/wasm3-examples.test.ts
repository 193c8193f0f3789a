// The Wasm 3.0 examples: each builds, returns what its catalogue entry expects run directly and
// instrumented, with the same fuel on every run. Node 20's V8 has no GC, exnref or memory64: the
// tests skip where the examples' modules do not validate; CI runs this file with Node 24.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fuelOf, instrumentOk, observe } from "../sandbox/instrument/test-helpers";
import { findExample, MENU_EXAMPLES } from "./catalog";
import { exampleBytes, PUBLIC_DIR } from "./example-bytes.test-support";
import { GC_TREE_EXAMPLE, WASM3_EXAMPLES } from "./wasm3-examples";

type Fn = (...args: unknown[]) => unknown;

const built = await Promise.all(
  WASM3_EXAMPLES.map(async (e) => [e.id, e, await exampleBytes(e)] as const),
);
const runnable = built.every(([, , bytes]) => WebAssembly.validate(bytes));

describe("Wasm 3.0 examples in the catalogue", () => {
  it("are in the menu, with ids of their own", () => {
    for (const example of WASM3_EXAMPLES) expect(findExample(example.id)).toBe(example);
    const ids = MENU_EXAMPLES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("ships the GC example's binary with the WAT it was built from", () => {
    const source = readFileSync(PUBLIC_DIR + GC_TREE_EXAMPLE.sourceUrl, "utf8");
    expect(source).toContain("struct.new $node");
    expect(source).toContain("array.new_fixed $children 2");
    // wabt, the page's WAT compiler, cannot read this text: the example must stay prebuilt.
    expect(GC_TREE_EXAMPLE.language).toBe("wasm");
  });
});

describe.skipIf(!runnable)("Wasm 3.0 examples run (a V8 with GC, exnref, memory64)", () => {
  it.each(built)("%s exports its entry with the right arity and imports nothing", (_id, e, b) => {
    const module = new WebAssembly.Module(b);
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    const { exports } = new WebAssembly.Instance(module);
    expect((exports[e.entry] as Fn).length).toBe(e.args.length);
  });

  it.each(built)(
    "%s gives its expected value, metered too, the same fuel twice",
    async (_id, e, b) => {
      if (!e.expected.success) throw new Error(`${e.id} is meant to succeed`);
      const plain = await observe(b, e.entry, e.args);
      expect(plain.observed.value).toBe(e.expected.value);
      const metered = await instrumentOk(b);
      expect((await observe(metered.bytes, e.entry, e.args)).observed.value).toBe(e.expected.value);
      const fuel = await fuelOf(b, e.entry, e.args);
      expect(fuel).toBeGreaterThan(0n);
      expect(fuel).toBeLessThanOrEqual(BigInt(e.limits.maxFuel ?? Infinity));
      expect(await fuelOf(b, e.entry, e.args)).toBe(fuel);
    },
  );

  it("gc-tree sums n(n+1)/2 over 2^d - 1 nodes, and its fuel grows with the node count", async () => {
    const bytes = await exampleBytes(GC_TREE_EXAMPLE);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    for (let depth = 1; depth <= 14; depth++) {
      const n = 2 ** depth - 1;
      expect((exports.main as Fn)(depth), `depth ${depth}`).toBe((n * (n + 1)) / 2);
    }
    expect((exports.main as Fn)(0)).toBe(0);
    // Fuel is a per-node cost times the node count plus a constant: each level's added fuel
    // doubles, as its node count does.
    const fuel = await Promise.all([1, 2, 3, 4].map((d) => fuelOf(bytes, "main", [d])));
    expect(fuel[2]! - fuel[1]!).toBe(2n * (fuel[1]! - fuel[0]!));
    expect(fuel[3]! - fuel[2]!).toBe(2n * (fuel[2]! - fuel[1]!));
  });

  it("exceptions: every frame passes the exception on, and each costs the same fuel", async () => {
    const bytes = await exampleBytes(findExample("exceptions")!);
    const { observed } = await observe(bytes, "main", [1000]);
    expect(observed.globals.unwound).toBe(32);
    // limit i*i - 1 is first exceeded by i*i: i + 1 frames deep.
    const fuel = await Promise.all([10, 11, 12].map((i) => fuelOf(bytes, "main", [i * i - 1])));
    expect(fuel[2]! - fuel[1]!).toBe(fuel[1]! - fuel[0]!);
    expect(fuel[1]! - fuel[0]!).toBeGreaterThan(0n);
  });

  it("memory64 counts primes as a plain sieve does, growing its 64-bit memory", async () => {
    const bytes = await exampleBytes(findExample("memory64")!);
    for (const n of [0, 2, 3, 100, 65_536, 65_537, 200_000]) {
      const { instance, observed } = await observe(bytes, "main", [BigInt(n)]);
      expect(observed.value, `n = ${n}`).toBe(BigInt(primesBelow(n)));
      const memory = Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
      if (memory)
        expect(memory.buffer.byteLength).toBe(Math.max(1, Math.ceil(n / 65_536)) * 65_536);
    }
  });
});

function primesBelow(n: number): number {
  const composite = new Uint8Array(n);
  let count = 0;
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue;
    count++;
    for (let m = i * i; m < n; m += i) composite[m] = 1;
  }
  return count;
}
