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
    expect(clangProgressText(download)).toBe("Downloading the C/C++ compiler: 11.8 of 100.4 MiB");
    expect(clangProgressText(download)).toBe(describeDownload("the C/C++ compiler", download));
    expect(clangProgressText({ ...download, source: "cache" })).toBe(
      "Reading the C/C++ compiler from the browser cache: 11.8 of 100.4 MiB",
    );
  });

  it("names the later stages", () => {
    expect(clangProgressText({ stage: "prepare" })).toBe("Preparing the C/C++ compiler…");
    expect(clangProgressText({ stage: "compile" })).toBe("Compiling…");
  });
});
