// The benchmark kernels (real clang and AssemblyScript output) under budgets that run out part
// way: the lazy shape, with its threaded functions, counted loops and checks that wait for a
// call to return, must run out exactly where the exact shape does, and agree on every result.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { readFuel } from "./index";
import { AMPLE, instrumentOk, observe } from "./test-helpers";

const kernel = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../bench/kernels/${name}.wasm`, import.meta.url)));

/** Small arguments: each run costs well under a million fuel. */
const CASES: [name: string, arg: number][] = [
  ["fib", 14],
  ["sort", 1],
  ["hash", 2],
  ["interp", 300],
  ["nbody", 30],
  ["sieve", 1],
  ["as-levenshtein", 1],
];

async function outcome(bytes: Uint8Array, arg: number, maxFuel: bigint, lazyCounter: boolean) {
  const instrumented = await instrumentOk(bytes, { ...AMPLE, maxFuel, lazyCounter });
  try {
    const { observed, instance } = await observe(instrumented.bytes, "run", [arg], {
      env: { abort: () => {} },
    });
    const fuel = readFuel(instance, instrumented.fuelLimit);
    return { value: observed.value, trap: observed.trap, fuel };
  } catch (e) {
    // A start function (AssemblyScript's) that runs out of fuel fails the instantiation.
    return { instantiation: String(e) };
  }
}

describe("kernels under partial budgets", () => {
  test.each(CASES)("%s: the lazy shape runs out where the exact one does", async (name, arg) => {
    const bytes = kernel(name);
    const full = await outcome(bytes, arg, AMPLE.maxFuel as bigint, false);
    if (full.fuel === undefined) throw new Error(full.instantiation);
    expect(full.trap).toBeUndefined();
    const cost = full.fuel.consumed;
    expect(await outcome(bytes, arg, AMPLE.maxFuel as bigint, true)).toEqual(full);
    const budgets = [1n, cost / 7n, cost / 2n, (cost * 9n) / 10n, cost - 1n, cost];
    for (const budget of budgets) {
      const exact = await outcome(bytes, arg, budget, false);
      const lazy = await outcome(bytes, arg, budget, true);
      expect(lazy, `budget ${budget} of ${cost}`).toEqual(exact);
      if (exact.fuel) expect(exact.fuel.exhausted).toBe(budget < cost);
      else expect(budget).toBeLessThan(cost);
    }
  });
});
