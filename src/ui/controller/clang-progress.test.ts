import { describe, expect, it } from "vitest";
import { clangProgressText } from "./compile";
import { describeDownload } from "../../sandbox/download/progress";

describe("the C/C++ compiler's progress line", () => {
  it("says a download the way every download says it (describeDownload)", () => {
    const download = {
      stage: "download",
      source: "download",
      loadedBytes: 12_345_678,
      totalBytes: 105_241_285,
    } as const;
    expect(clangProgressText(download)).toBe("Downloading the C/C++ compiler: 12.3 of 105.2 MB");
    expect(clangProgressText(download)).toBe(describeDownload("the C/C++ compiler", download));
    expect(clangProgressText({ ...download, source: "cache" })).toBe(
      "Reading the C/C++ compiler from the browser cache: 12.3 of 105.2 MB",
    );
  });

  it("names the later stages", () => {
    expect(clangProgressText({ stage: "prepare" })).toBe("Preparing the C/C++ compiler…");
    expect(clangProgressText({ stage: "compile" })).toBe("Compiling…");
  });
});
