import { describe, expect, it } from "vitest";
import type { ExecutionResult } from "../sandbox/types";
import {
  compareWithShared,
  formatWasmValue,
  OUTPUT_PREVIEW_CHARS,
  summarizeResult,
} from "./result-summary";
import { ResultSummarySchema } from "./state-schema";

function run(overrides: Partial<ExecutionResult> = {}): ExecutionResult {
  return {
    success: true,
    value: 42,
    output: "hello\n",
    stderr: "",
    executionTimeMs: 1,
    fuelConsumed: 1234n,
    memoryUsedBytes: 65536,
    memoryLimitBytes: 65536,
    timings: { compileMs: 0, instrumentMs: 0, instantiateMs: 0, runMs: 0 },
    metered: true,
    ...overrides,
  };
}

describe("formatWasmValue", () => {
  it.each([
    [undefined, undefined],
    [42, "42"],
    [-0, "-0"],
    [NaN, "NaN"],
    [2n ** 63n - 1n, "9223372036854775807n"],
    [[1, 2n], "[1, 2n]"],
  ])("%s → %s", (value, text) => {
    expect(formatWasmValue(value as ExecutionResult["value"])).toBe(text);
  });
});

describe("summarizeResult", () => {
  it("summarises a run in a shape the link schema accepts", async () => {
    const summary = await summarizeResult(run({ output: "x".repeat(500) }));
    expect(summary).toMatchObject({ value: "42", fuelConsumed: "1234" });
    expect(summary.outputPreview).toHaveLength(OUTPUT_PREVIEW_CHARS);
    expect(summary.outputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ResultSummarySchema.parse(summary)).toStrictEqual(summary);
  });

  it("hashes the whole output from a result's Blobs, the same as from its text", async () => {
    const whole = "é".repeat(100_000);
    const fromText = await summarizeResult(run({ output: whole, stderr: "warn" }));
    const fromBlobs = await summarizeResult(
      run({
        output: whole.slice(0, 1000), // the head a Blob-mode result keeps
        stderr: "warn",
        outputBlob: new Blob([whole]),
        stderrBlob: new Blob(["warn"]),
      }),
    );
    expect(fromBlobs).toStrictEqual(fromText);
    const headOnly = await summarizeResult(run({ output: whole.slice(0, 1000), stderr: "warn" }));
    expect(headOnly.outputSha256).not.toBe(fromText.outputSha256);
  });

  it("keeps the error kind of a failed run", async () => {
    const summary = await summarizeResult(
      run({ success: false, value: undefined, errorKind: "fuel_exhausted" }),
    );
    expect(summary).toMatchObject({ errorKind: "fuel_exhausted" });
    expect(summary.value).toBeUndefined();
  });
});

describe("compareWithShared", () => {
  it("says 'same' for the same run", async () => {
    const shared = await summarizeResult(run());
    expect(await compareWithShared(shared, run())).toStrictEqual({
      sameFuel: true,
      sameValue: true,
      sameErrorKind: true,
      sameOutput: true,
      same: true,
    });
  });

  it("notices different fuel, value or output", async () => {
    const shared = await summarizeResult(run());
    expect(await compareWithShared(shared, run({ fuelConsumed: 1235n }))).toMatchObject({
      sameFuel: false,
      same: false,
    });
    expect(await compareWithShared(shared, run({ value: 43 }))).toMatchObject({
      sameValue: false,
      same: false,
    });
    expect(await compareWithShared(shared, run({ output: "bye\n" }))).toMatchObject({
      sameOutput: false,
      same: false,
    });
  });

  it("leaves fuel unknown when the run was unmetered", async () => {
    const shared = await summarizeResult(run());
    expect(await compareWithShared(shared, run({ fuelConsumed: undefined }))).toMatchObject({
      sameFuel: undefined,
      same: true,
    });
  });
});
