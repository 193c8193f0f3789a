import { describe, expect, it } from "vitest";
import type { ExecutionResult } from "../../sandbox/types";
import type { RunRecord } from "../state/types";
import { describeResult } from "./describe";
import { failedResult } from "../../sandbox/failed-result";

const record = (result: ExecutionResult) => ({ entry: "main", result }) as RunRecord;

describe("describeResult", () => {
  it("names the kind once, whether or not the message opens with it", () => {
    const trap = failedResult("trap", "trap: unreachable in function $f");
    expect(describeResult(record({ ...trap, errorKind: "trap" }))).toBe(
      "✘ trap: unreachable in function $f",
    );
    const overflow = failedResult("stack_overflow", "stack overflow: the call stack was exhausted");
    expect(describeResult(record(overflow))).toBe("✘ stack overflow: the call stack was exhausted");
    const denied = failedResult("import_denied", "env.secret: not in allowedImports");
    expect(describeResult(record(denied))).toBe(
      "✘ import_denied: env.secret: not allowed in the Imports tab",
    );
  });

  it("says what a success returned", () => {
    const ok: ExecutionResult = { ...failedResult("trap", ""), success: true, value: 42 };
    delete ok.errorKind;
    expect(describeResult(record({ ...ok, executionTimeMs: 1.5 }))).toBe(
      "✔ returned 42 in 1.50 ms",
    );
  });
});
