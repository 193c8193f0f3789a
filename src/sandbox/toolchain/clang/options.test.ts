import { describe, expect, it } from "vitest";
import { parseClangDiagnostics, summariseClang } from "./diagnostics";
import { clangArgs, ClangBuildOptionsSchema, refusedFlag, splitFlags } from "./options";

describe("clang build options", () => {
  it("builds the command line: driver, -O level, exceptions setting, flags, file", () => {
    expect(clangArgs("c", { optLevel: "Oz", flags: ["-Wall"], exceptions: false })).toEqual([
      "clang",
      "-Oz",
      "-Wall",
      "main.c",
      "-o",
      "main.wasm",
    ]);
    expect(clangArgs("cpp", { optLevel: "O0", flags: [], exceptions: false })).toEqual([
      "clang++",
      "-O0",
      "-fno-exceptions",
      "main.cpp",
      "-o",
      "main.wasm",
    ]);
    expect(clangArgs("cpp", { optLevel: "O2", flags: [], exceptions: true })[2]).toBe(
      "-fwasm-exceptions",
    );
  });

  it("allows flags that shape the compile and refuses ones that reach files or tools", () => {
    for (const ok of [
      "-Wall",
      "-Wno-unused-variable",
      "-std=c11",
      "-std=c++20",
      "-DN=10",
      "-mexec-model=reactor",
      "-Wl,--no-entry",
      "-Wl,--export=add",
      "-g",
    ]) {
      expect(refusedFlag([ok]), ok).toBeNull();
    }
    for (const bad of [
      "-o",
      "/etc/passwd",
      "-I/usr",
      "-include",
      "-Xclang",
      "-mllvm",
      "-fplugin=x.so",
      "@args",
      "-Wl,--whole-archive",
      "-Wl,-T,x",
      "--sysroot=/",
      "-DX=$(y)",
    ]) {
      expect(refusedFlag([bad]), bad).toMatch(/is not an allowed flag/);
    }
    expect(splitFlags("  -Wall   -DN=3 ")).toEqual(["-Wall", "-DN=3"]);
  });

  it("fills defaults and refuses a bad link value", () => {
    expect(ClangBuildOptionsSchema.parse({})).toEqual({
      optLevel: "O2",
      flags: [],
      exceptions: false,
    });
    expect(ClangBuildOptionsSchema.safeParse({ optLevel: "O9" }).success).toBe(false);
    expect(ClangBuildOptionsSchema.safeParse({ flags: ["-Xclang"] }).success).toBe(false);
  });
});

describe("clang diagnostics", () => {
  const stderr = [
    "main.c:3:10: error: use of undeclared identifier 'x'",
    "    3 |   return x;",
    "      |          ^",
    "main.c:1:5: warning: unused variable 'y' [-Wunused-variable]",
    "main.c:1:1: note: declared here",
    "/usr/include/stdio.h:9:2: error: in a header",
    "wasm-ld: error: /tmp/main-62bf3f.o: undefined symbol: __cxa_throw",
    "2 errors generated.",
  ].join("\n");

  it("puts each message at its line and column, folds notes in, keeps linker errors", () => {
    expect(parseClangDiagnostics(stderr, "main.c")).toEqual([
      { message: "use of undeclared identifier 'x'", line: 3, column: 10, severity: "error" },
      {
        message: "unused variable 'y' [-Wunused-variable]\n  note: declared here",
        line: 1,
        column: 5,
        severity: "warning",
      },
      { message: "in a header (in /usr/include/stdio.h:9)", severity: "error" },
      { message: "undefined symbol: __cxa_throw", severity: "error" },
    ]);
  });

  it("summarises the first error with its place", () => {
    const diagnostics = parseClangDiagnostics(stderr, "main.c");
    expect(summariseClang(diagnostics, "x")).toBe(
      "Line 3, column 10: use of undeclared identifier 'x' (and 2 more)",
    );
    expect(summariseClang([], "fallback")).toBe("fallback");
  });
});
