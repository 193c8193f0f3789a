import { describe, expect, it } from "vitest";
import { crashCause, isAllocationFailure, withConsoleErrorsCaptured } from "./asc-crash";

// The head of the report asc printed in Chromium for `memory.data(0x7ff00000)`.
const REPORT = [
  "",
  "▌ Whoops, the AssemblyScript compiler has crashed during compile :-(",
  "▌ ",
  "▌ Here is the stack trace hinting at the problem, perhaps it's useful?",
  "▌ ",
  "▌ RangeError: Array buffer allocation failed",
  "▌     at new ArrayBuffer (<anonymous>)",
  "▌     at new Uint8Array (<anonymous>)",
].join("\n");

describe("asc's crash report", () => {
  it("gives the exception that caused the crash", () => {
    expect(crashCause(REPORT)).toBe("RangeError: Array buffer allocation failed");
    expect(crashCause("▌ TypeError: x is undefined\n▌     at f")).toBe("TypeError: x is undefined");
    expect(crashCause("nothing of the kind")).toBeUndefined();
  });

  it("tells an allocation the JS engine refused from other crashes", () => {
    expect(isAllocationFailure("RangeError: Array buffer allocation failed")).toBe(true);
    expect(isAllocationFailure("RangeError: Invalid typed array length: 4294967296")).toBe(true);
    expect(isAllocationFailure("RangeError: Maximum call stack size exceeded")).toBe(false);
  });

  it("captures what a crashing call printed, and puts console.error back", async () => {
    const original = console.error;
    const attempt = await withConsoleErrorsCaptured(async () => {
      console.error(REPORT);
      throw new Error("exit 1");
    });
    expect(console.error).toBe(original);
    expect(attempt).toMatchObject({ printed: REPORT });
    const fine = await withConsoleErrorsCaptured(async () => 7);
    expect(fine).toEqual({ result: 7 });
    expect(console.error).toBe(original);
  });
});
