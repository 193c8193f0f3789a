import { describe, expect, it } from "vitest";
import { formatByteProgress, formatBytes, MiB } from "./bytes";

describe("byte counts", () => {
  it("use binary units under their binary names", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(3.4 * 1024)).toBe("3.4 KiB");
    expect(formatBytes(120 * 1024)).toBe("120 KiB");
    expect(formatBytes(30_635_497)).toBe("29.2 MiB");
    expect(formatBytes(100 * MiB)).toBe("100.0 MiB");
    expect(formatBytes(1.5 * 1024 * MiB)).toBe("1.50 GiB");
  });

  it("say a transfer's two figures in one unit", () => {
    expect(formatByteProgress(12.3 * MiB, 105_164_800)).toBe("12.3 of 100.3 MiB");
    expect(formatByteProgress(0.4 * MiB)).toBe("0.4 MiB");
  });
});
