import { describe, expect, it } from "vitest";
import { summarize } from "../../sandbox/profile/build";
import { tabAfterRun } from "../controller/run";
import type { RunRecord } from "../state/types";
import {
  flameBars,
  functionName,
  layoutFlame,
  pathTo,
  percentOf,
  sortedFunctions,
} from "./profile-view";

// root → main (own 10) → fib (own 30) → fib (own 20); main → helper (own 40). 100 fuel in all.
const columns = summarize({
  func: Int32Array.from([-1, 1, 0, 0, 2]),
  parent: Int32Array.from([-1, 0, 1, 2, 1]),
  calls: Float64Array.from([0, 1, 1, 2, 1]),
  self: Float64Array.from([0, 10, 30, 20, 40]),
  names: { 0: "fib", 1: "main", 2: "helper" },
  truncated: false,
});

describe("profile view", () => {
  it("sorts the function table by each column, both ways", () => {
    const names = (rows: Int32Array) =>
      Array.from(rows, (i) => functionName(columns, columns.functions.index[i]));
    expect(names(sortedFunctions(columns, "self", true))).toEqual(["fib", "helper", "main"]);
    expect(names(sortedFunctions(columns, "total", true))).toEqual(["main", "fib", "helper"]);
    expect(names(sortedFunctions(columns, "calls", false))).toEqual(["main", "helper", "fib"]);
    expect(names(sortedFunctions(columns, "name", false))).toEqual(["fib", "helper", "main"]);
    expect(names(sortedFunctions(columns, "name", true))).toEqual(["main", "helper", "fib"]);
  });

  it("names a function without a name by its index, and gives shares of the run", () => {
    expect(functionName({ ...columns, names: {} }, 7)).toBe("function[7]");
    expect(percentOf(40, 100)).toBe("40.0%");
    expect(percentOf(1, 10_000)).toBe("<0.1%");
    expect(percentOf(0, 100)).toBe("0%");
  });

  it("lays callees under their caller, side by side, as wide as their fuel", () => {
    const layout = layoutFlame(columns);
    expect(Array.from(layout.start)).toEqual([0, 0, 0, 0, 50]);
    expect(Array.from(layout.depth)).toEqual([0, 1, 2, 3, 2]);
    const bars = flameBars(columns, layout, 0, 200, 10);
    expect(bars).toEqual([
      { node: 0, x: 0, width: 200, row: 0 },
      { node: 1, x: 0, width: 200, row: 1 },
      { node: 2, x: 0, width: 100, row: 2 },
      { node: 3, x: 0, width: 40, row: 3 },
      { node: 4, x: 100, width: 80, row: 2 },
    ]);
    // Too narrow or too deep: not drawn.
    expect(flameBars(columns, layout, 0, 200, 10, 50).map((b) => b.node)).toEqual([0, 1, 2, 4]);
    expect(flameBars(columns, layout, 0, 200, 3).map((b) => b.node)).toEqual([0, 1, 2, 4]);
  });

  it("zooms into one call path: its subtree as wide as the view", () => {
    const layout = layoutFlame(columns);
    expect(flameBars(columns, layout, 4, 100, 10)).toEqual([{ node: 4, x: 0, width: 100, row: 0 }]);
    expect(flameBars(columns, layout, 2, 100, 10)).toEqual([
      { node: 2, x: 0, width: 100, row: 0 },
      { node: 3, x: 0, width: 40, row: 1 },
    ]);
    expect(pathTo(columns, 3)).toEqual([1, 2, 3]);
  });

  it("opens the Profile tab after a profiled run, the Result tab after another", () => {
    const record = (profiled: boolean) =>
      ({ result: profiled ? { profileColumns: columns } : {} }) as unknown as RunRecord;
    expect(tabAfterRun("result", record(true))).toBe("profile");
    expect(tabAfterRun("profile", record(false))).toBe("result");
    expect(tabAfterRun("history", record(true))).toBe("history");
    expect(tabAfterRun("limits", record(false))).toBe("result");
  });
});
