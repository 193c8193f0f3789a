import { describe, expect, it } from "vitest";
import { parseRunReport } from "./run-report-schema";

const report = {
  runId: 1,
  success: true,
  output: "",
  stderr: "",
  executionTimeMs: 1,
  memoryUsedBytes: 65536,
  timings: { compileMs: 0, instantiateMs: 0, runMs: 1 },
  files: { "/a": new Uint8Array([1]) },
};

describe("parseRunReport", () => {
  it("keeps a file's other names (fileLinks) and refuses a link that is not a path string", () => {
    const parsed = parseRunReport({ ...report, fileLinks: { "/b": "/a" } });
    expect(parsed.ok && parsed.report.fileLinks).toEqual({ "/b": "/a" });
    expect(parseRunReport({ ...report, fileLinks: { "/b": 7 } }).ok).toBe(false);
  });

  it("keeps the GC bytes allocated and refuses a count that is not a non-negative number", () => {
    const parsed = parseRunReport({ ...report, gcAllocatedBytes: 120 });
    expect(parsed.ok && parsed.report.gcAllocatedBytes).toBe(120);
    expect(parseRunReport({ ...report, gcAllocatedBytes: -8 }).ok).toBe(false);
    expect(parseRunReport({ ...report, gcAllocatedBytes: 120n }).ok).toBe(false);
  });
});
