// With enough fuel an instrumented module behaves exactly like the original: same values, same
// traps, same memory, globals and host calls.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FLAG_STACK_BUDGET, GROW_REFUSED_EXPORT } from "./abi";
import { AMPLE, instrumentOk, observe, wat } from "./test-helpers";

const source = readFileSync(new URL("./fixtures/semantics.wat", import.meta.url), "utf8");
const original = await wat(source);
const instrumented = (await instrumentOk(original, AMPLE)).bytes;

async function compare(entry: string, args: unknown[]) {
  const a = await observe(original, entry, args);
  const b = await observe(instrumented, entry, args);
  expect(b.observed).toEqual(a.observed);
  return a.observed;
}

const CALLS: [string, unknown[]][] = [
  ["sieve", [1000]],
  ["sieve", [0]],
  ["sieve", [70_000]],
  ["div", [7, 2]],
  ["div", [7, 0]],
  ["div", [-2147483648, -1]],
  ["trunc", [1e20]],
  ["trunc", [NaN]],
  ["trunc_sat", [1e20]],
  ["sext", [0x80]],
  ["load", [65_533]],
  ["load", [12]],
  ["boom", []],
  ["dispatch", [0, 5, 3]],
  ["dispatch", [3, 5, 3]],
  ["dispatch", [9, 5, 3]],
  ["tail_dispatch", [1, 5, 3]],
  ["tail_dispatch", [3, 5, 3]],
  ["greet", [100]],
  ["greet", [65_530]],
  ["multi", [17, 5]],
  ["multi", [1, 0]],
  ["simd", [21]],
  ["loop_params", [10]],
  ["catching", [3]],
  ["catching", [9]],
  ["uncaught", [9]],
  ["rethrowing", [8]],
  ["collatz", [27n]],
  ["atomics", [5]],
];

describe("instrumented modules behave like the original", () => {
  test.each(CALLS)("%s(%s)", async (entry, args) => {
    await compare(entry, args);
  });

  test("the comparison can fail: a different module is told apart", async () => {
    const other = await wat(source.replace("(i32.const 100)", "(i32.const 101)"));
    const a = await observe(original, "catching", [9]);
    const b = await observe(other, "catching", [9]);
    expect(b.observed).not.toEqual(a.observed);
  });

  test("traps keep their message (division, bounds, unreachable)", async () => {
    expect((await compare("div", [1, 0])).trap).toMatch(/divide by zero/);
    expect((await compare("load", [70_000])).trap).toMatch(/out of bounds/);
    expect((await compare("boom", [])).trap).toMatch(/unreachable/);
  });

  test("a recursion that overflows the native stack ends at the stack budget instead", async () => {
    expect((await observe(original, "deep", [0])).observed.trap).toMatch(/call stack/);
    const { observed, instance } = await observe(instrumented, "deep", [0]);
    expect(observed.trap).toMatch(/unreachable/);
    const flags = (instance.exports[GROW_REFUSED_EXPORT] as WebAssembly.Global).value as number;
    expect(flags & FLAG_STACK_BUDGET).toBe(FLAG_STACK_BUDGET);
  });

  test("random inputs give the same results (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("div", "dispatch", "multi", "simd", "catching", "sieve"),
        fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 3, maxLength: 3 }),
        async (entry, args) => {
          const a = await observe(original, entry, args);
          const b = await observe(instrumented, entry, args);
          expect(b.observed).toEqual(a.observed);
        },
      ),
      { numRuns: 60 },
    );
  });
});
