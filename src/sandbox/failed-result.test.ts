import { describe, expect, it } from "vitest";
import { emptyResult, failedResult } from "./failed-result";

describe("failedResult", () => {
  it("is an empty, unsuccessful result with the kind, message and what was known of the run", () => {
    const result = failedResult("timeout", "stopped by the user", {
      metered: false,
      memoryLimitBytes: 65_536,
    });
    expect(result).toMatchObject({ success: false, errorKind: "timeout", output: "", stderr: "" });
    expect(result).toMatchObject({ metered: false, memoryLimitBytes: 65_536, executionTimeMs: 0 });
    expect(result.fuelConsumed).toBeUndefined();
  });

  it("gives each result its own timings, so the sandbox can fill one in", () => {
    const first = emptyResult({ metered: true });
    first.timings.instrumentMs = 5;
    expect(emptyResult({ metered: true }).timings.instrumentMs).toBe(0);
    expect(failedResult("crash", "x").metered).toBe(true);
  });
});
