import { File } from "@bjorn3/browser_wasi_shim";
import { describe, expect, it } from "vitest";
import { SandboxConfigError } from "../../config";
import { buildRootContents, collectFiles, splitGuestPath } from "./file-system";
import { FsBudget } from "./fs-budget";

describe("guest file system", () => {
  it("normalises paths and refuses ones that could escape or name nothing", () => {
    expect(splitGuestPath("/a/./b.txt")).toEqual(["a", "b.txt"]);
    expect(splitGuestPath("a//b.txt")).toEqual(["a", "b.txt"]);
    for (const bad of ["", "/", "../x", "/a/../../x", "a\0b"]) {
      expect(() => splitGuestPath(bad), bad).toThrow(SandboxConfigError);
    }
  });

  it("builds nested directories and reads every file back, copies both ways", () => {
    const input = new Uint8Array([1, 2]);
    const root = buildRootContents([
      { path: "/top.txt", data: "t" },
      { path: "/d/e/deep.bin", data: input },
      { path: "d/side.txt", data: "s" },
    ]);
    input[0] = 99; // the guest's copy must not change with the caller's array
    const files = collectFiles(root);
    expect(Object.keys(files)).toEqual(["/d/e/deep.bin", "/d/side.txt", "/top.txt"]);
    expect([...files["/d/e/deep.bin"]]).toEqual([1, 2]);
  });

  it("refuses a path given twice, or used as both file and directory", () => {
    expect(() =>
      buildRootContents([
        { path: "/a", data: "" },
        { path: "a", data: "" },
      ]),
    ).toThrow(/given twice/);
    expect(() =>
      buildRootContents([
        { path: "/a", data: "" },
        { path: "/a/b", data: "" },
      ]),
    ).toThrow(/both a file and a directory/);
  });

  it("FsBudget: refuses growth past the cap, and re-measures before refusing", () => {
    const root = buildRootContents([{ path: "/a", data: "12345" }]);
    const budget = new FsBudget(() => root.values(), 10);
    const a = root.get("a") as File;
    expect(budget.allowGrowth(a, 8n)).toBe(true); // +3 → 8 counted
    a.data = new Uint8Array(8);
    expect(budget.allowGrowth(a, 11n)).toBe(false); // one file over the cap
    a.data = new Uint8Array(0); // the guest truncated it: the counter still says 8
    expect(budget.allowGrowth(a, 9n)).toBe(false); // nothing said bytes may have been freed
    budget.mayHaveFreed();
    expect(budget.allowGrowth(a, 9n)).toBe(true); // re-measured: 0 + 9 fits
    expect(budget.allowGrowth(a, 2n ** 40n)).toBe(false);
  });
});
