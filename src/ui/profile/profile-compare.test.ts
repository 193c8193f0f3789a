import { describe, expect, it } from "vitest";
import { summarize } from "../../sandbox/profile/build";
import { compareProfiles } from "./profile-compare";

/** root → main (function 0) → each callee (function i + 1) with its own fuel and calls. */
function profile(names: string[], self: number[], calls: number[]) {
  return summarize({
    func: Int32Array.from([-1, 0, ...names.map((_, i) => i + 1)]),
    parent: Int32Array.from([-1, 0, ...names.map(() => 1)]),
    calls: Float64Array.from([0, 1, ...calls]),
    self: Float64Array.from([0, 5, ...self]),
    names: Object.fromEntries([[0, "main"], ...names.map((name, i) => [i + 1, name])]) as Record<
      number,
      string
    >,
    truncated: false,
  });
}

describe("compareProfiles", () => {
  it("matches functions by name and says which got cheaper, dearer, new or gone", () => {
    const before = profile(["fib", "sort", "old"], [1000, 40, 7], [21891, 1, 1]);
    // Renumbered: "new" comes first now, so fib and sort have other indices.
    const after = profile(["new", "fib", "sort"], [3, 100, 60], [1, 177, 1]);
    const rows = compareProfiles(before, after);
    expect(rows.map((r) => [r.name, r.change, r.selfChange])).toEqual([
      ["fib", "cheaper", -900],
      ["sort", "dearer", 20],
      ["old", "gone", -7],
      ["new", "new", 3],
      ["main", "cheaper", 0], // the same own fuel, less with its callees
    ]);
    expect(rows[0].before).toEqual({ self: 1000, total: 1000, calls: 21891 });
    expect(rows[0].after).toEqual({ self: 100, total: 100, calls: 177 });
  });

  it("finds nothing changed between two runs of the same program", () => {
    const run = profile(["fib"], [1000], [21891]);
    expect(compareProfiles(run, run).every((r) => r.change === "same")).toBe(true);
  });
});
