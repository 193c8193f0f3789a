import { describe, expect, it } from "vitest";
import type { FunctionEntry } from "../../sandbox/disassembly/api";
import { filterFunctions, functionLabel } from "./function-filter";

const FUNCTIONS: FunctionEntry[] = [
  { index: 0, name: "log", line: 3 },
  { index: 1, name: null, line: 5 },
  { index: 2, name: "main_loop", line: 9 },
  { index: 3, name: "main", line: 20 },
  { index: 12, name: null, line: 40 },
];

const names = (text: string) => filterFunctions(FUNCTIONS, text).map(functionLabel);

describe("filterFunctions", () => {
  it("finds a function by index in any of the ways WAT writes it", () => {
    for (const text of ["12", "#12", "(;12;)", " 12 "]) expect(names(text)).toEqual(["(;12;)"]);
    expect(names("1")).toEqual(["(;1;)"]);
  });

  it("finds by name, the exact name first, with or without the $", () => {
    expect(names("main")).toEqual(["$main", "$main_loop"]);
    expect(names("$MAIN")).toEqual(["$main", "$main_loop"]);
    expect(names("loop")).toEqual(["$main_loop"]);
    expect(names("nothing")).toEqual([]);
  });

  it("lists every function for an empty filter", () => {
    expect(names("")).toHaveLength(FUNCTIONS.length);
  });
});
