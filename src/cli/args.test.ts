import { describe, expect, it } from "vitest";
import type { ExecutionResult } from "../sandbox";
import { parseCommandLine, parseSize, parseWasmValue, UsageError } from "./args";
import { EXIT_CODES, exitStatusOf } from "./exit-codes";

const usage = (argv: string[]) => {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(" ")}`);
};

describe("wasm-sandbox's arguments", () => {
  it("run: every option, and the arguments after the file", () => {
    const c = parseCommandLine([
      "run",
      "--invoke",
      "add",
      "--fuel",
      "1_000",
      "--max-memory",
      "2M",
      "--max-stack",
      "64K",
      "--timeout",
      "2s",
      "--allow",
      "env.read",
      "--allow",
      "host.*",
      "--env",
      "A=1=2",
      "--dir",
      "in::/data",
      "--dir",
      "out",
      "--stdin",
      "-",
      "--json",
      "m.wasm",
      "--",
      "1",
      "-2",
    ]);
    expect(c).toEqual({
      command: "run",
      file: "m.wasm",
      invoke: "add",
      fuel: 1000n,
      maxMemoryBytes: 2 * 1024 * 1024,
      maxStackBytes: 64 * 1024,
      timeoutMs: 2000,
      allow: ["env.read", "host.*"],
      env: { A: "1=2" },
      dirs: [
        { host: "in", guest: "/data" },
        { host: "out", guest: "/" },
      ],
      stdin: "-",
      json: true,
      args: ["1", "-2"],
    });
  });

  it("without --invoke the arguments are the program's, options after -- included", () => {
    const c = parseCommandLine(["run", "p.wasm", "--", "--verbose", "x"]);
    expect(c).toMatchObject({
      command: "run",
      file: "p.wasm",
      args: ["--verbose", "x"],
      json: false,
    });
  });

  it("instrument, help and version", () => {
    expect(
      parseCommandLine(["instrument", "a.wasm", "-o", "b.wasm", "--max-memory", "64K"]),
    ).toEqual({
      command: "instrument",
      input: "a.wasm",
      output: "b.wasm",
      fuel: undefined,
      maxMemoryBytes: 65536,
    });
    expect(parseCommandLine([])).toEqual({ command: "help" });
    expect(parseCommandLine(["run", "-h"])).toEqual({ command: "help", topic: "run" });
    expect(parseCommandLine(["help", "instrument"])).toEqual({
      command: "help",
      topic: "instrument",
    });
    expect(parseCommandLine(["-V"])).toEqual({ command: "version" });
  });

  it("bad arguments are named", () => {
    expect(usage(["frobnicate"])).toContain('no such command: "frobnicate"');
    expect(usage(["run"])).toContain("missing the module to run");
    expect(usage(["run", "m.wasm", "--fuel", "lots"])).toContain(
      '--fuel must be a whole number of units; got "lots"',
    );
    expect(usage(["run", "m.wasm", "--fuel", "-5"])).toContain("--fuel");
    expect(usage(["run", "m.wasm", "--max-memory", "12 parsecs"])).toContain(
      "--max-memory must be a size",
    );
    expect(usage(["run", "m.wasm", "--max-stack", "deep"])).toContain(
      '--max-stack must be a size such as 65536, 64K, 16M or 1G; got "deep"',
    );
    expect(usage(["run", "m.wasm", "--timeout", "soon"])).toContain(
      "--timeout must be milliseconds",
    );
    expect(usage(["run", "m.wasm", "--allow", "log"])).toContain("--allow takes MODULE.NAME");
    expect(usage(["run", "m.wasm", "--env", "=x"])).toContain("--env takes NAME=VALUE");
    expect(usage(["run", "m.wasm", "--dir", "a::/x/../y"])).toContain('cannot contain ".."');
    expect(usage(["run", "m.wasm", "--bogus"])).toContain("--bogus");
    expect(usage(["run", "--invoke", "f", "m.wasm", "--", "seven"])).toContain('got "seven"');
    expect(usage(["instrument", "a.wasm", "--max-memory", "1M"])).toContain("missing -o OUT.wasm");
    expect(usage(["instrument", "a.wasm", "-o", "b.wasm"])).toContain("missing --max-memory");
  });

  it("sizes and values", () => {
    expect([parseSize("65536"), parseSize("64KiB"), parseSize("1g"), parseSize("3b")]).toEqual([
      65536,
      65536,
      1024 ** 3,
      3,
    ]);
    expect(parseWasmValue("9007199254740993")).toBe(9007199254740993n);
    expect([parseWasmValue("-3"), parseWasmValue("1.5e2"), parseWasmValue("-inf")]).toEqual([
      -3,
      150,
      -Infinity,
    ]);
    expect(parseWasmValue("nan")).toBeNaN();
  });
});

describe("wasm-sandbox's exit status", () => {
  const result = (r: Partial<ExecutionResult>) => ({ success: false, ...r }) as ExecutionResult;
  it("0 on success, the guest's code on exit, one code per error kind", () => {
    expect(exitStatusOf(result({ success: true }))).toBe(0);
    expect(exitStatusOf(result({ errorKind: "exit", exitCode: 3 }))).toBe(3);
    expect(exitStatusOf(result({ errorKind: "exit", exitCode: 256 }))).toBe(1);
    expect(exitStatusOf(result({ errorKind: "fuel_exhausted" }))).toBe(114);
    expect(exitStatusOf(result({ errorKind: "timeout" }))).toBe(124);
    expect(exitStatusOf(result({ errorKind: "invalid_config" }))).toBe(2);
    const codes = Object.entries(EXIT_CODES)
      .filter(([k]) => k !== "invalid_config")
      .map(([, c]) => c);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => c > 2 && c < 126)).toBe(true);
  });
});
