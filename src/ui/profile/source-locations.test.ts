import { describe, expect, it } from "vitest";
import { summarize } from "../../sandbox/profile/build";
import { profileHeat, sourceLocator, type SourceContext } from "./source-locations";

const WAT = `(module
  (import "env" "tick" (func $tick))
  (func $fib (param $n i32) (result i32)
    (local.get $n))
  (func $main (export "main") (result i32)
    (call $fib (i32.const 20))))`;

// root → main (function 2, own 10) → fib (function 1, own 88); tick (function 0) own 2.
const columns = summarize({
  func: Int32Array.from([-1, 2, 1, 0]),
  parent: Int32Array.from([-1, 0, 1, 1]),
  calls: Float64Array.from([0, 1, 1, 1]),
  self: Float64Array.from([0, 10, 88, 2]),
  names: { 1: "fib", 2: "main" },
  truncated: false,
});

const wat: SourceContext = { language: "wat", source: WAT, sameSource: true, optimized: false };

function located(context: SourceContext) {
  const locator = sourceLocator(context);
  if (!locator.ok) throw new Error(locator.reason);
  return locator.locate;
}

describe("source locations of profiled functions", () => {
  it("finds a WAT function by name, else by index (imports first)", () => {
    const locate = located(wat);
    expect(locate(1, "fib")).toMatchObject({ line: 3, endLine: 4 });
    expect(locate(2, undefined)).toMatchObject({ line: 5, endLine: 6 });
    expect(locate(0, undefined)).toMatchObject({ line: 2, endLine: 2 });
    // binaryen renumbers functions: only names are trusted then.
    const optimized = located({ ...wat, optimized: true });
    expect(optimized(2, undefined)).toBeUndefined();
    expect(optimized(0, "main")).toMatchObject({ line: 5 });
  });

  it("gives AssemblyScript functions their source-map line, and says why it cannot", () => {
    const as: SourceContext = {
      language: "assemblyscript",
      source: "",
      sameSource: true,
      optimized: false,
      functionLines: { 3: 12 },
    };
    expect(located(as)(3, "source/fib")).toEqual({ line: 12, endLine: 12 });
    expect(located(as)(4, undefined)).toBeUndefined();
    expect(sourceLocator({ ...as, functionLines: undefined })).toMatchObject({ ok: false });
    expect(sourceLocator({ ...as, optimized: true })).toMatchObject({
      reason: expect.stringContaining("binaryen") as unknown,
    });
    expect(sourceLocator({ ...wat, sameSource: false })).toMatchObject({
      reason: expect.stringContaining("changed") as unknown,
    });
    expect(sourceLocator({ ...wat, language: "c" })).toMatchObject({ ok: false });
  });

  it("heats each located function by its share of the run's own fuel", () => {
    const heat = profileHeat(columns, located(wat));
    expect(heat.map((h) => [h.line, h.endLine, h.level])).toEqual(
      expect.arrayContaining([
        [3, 4, 5], // fib: 88%
        [5, 6, 3], // main: 10%
        [2, 2, 2], // tick: 2%
      ]),
    );
    expect(heat).toHaveLength(3);
    expect(heat.find((h) => h.line === 3)?.label).toBe(
      "fib: 88.0% of the run's fuel in its own code",
    );
  });
});
