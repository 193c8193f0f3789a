import { describe, expect, it } from "vitest";
import {
  baseName,
  entryFromBytes,
  normalizePath,
  outputFiles,
  removeFile,
  textOf,
  upsertFile,
} from "./guest-files";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("guest files", () => {
  it("normalises paths under the preopened root and refuses escapes", () => {
    expect(normalizePath("input.txt")).toEqual({ ok: true, path: "/input.txt" });
    expect(normalizePath(" ./a//b/ ")).toEqual({ ok: true, path: "/a/b" });
    expect(normalizePath("/").ok).toBe(false);
    expect(normalizePath("../etc/passwd").ok).toBe(false);
  });

  it("keeps UTF-8 text as text and anything else as bytes", () => {
    expect(textOf(bytes("héllo\n"))).toBe("héllo\n");
    expect(textOf(new Uint8Array([0xff, 0xfe]))).toBeNull();
    expect(textOf(new Uint8Array([104, 0, 105]))).toBeNull();
    expect(entryFromBytes("/a", bytes("x"))).toEqual({ path: "/a", text: "x" });
    expect("bytes" in entryFromBytes("/b", new Uint8Array([0]))).toBe(true);
  });

  it("replaces a file at the same path in place and removes by path", () => {
    const files = [
      { path: "/a", text: "1" },
      { path: "/b", text: "2" },
    ];
    expect(upsertFile(files, { path: "/a", text: "3" })).toEqual([
      { path: "/a", text: "3" },
      { path: "/b", text: "2" },
    ]);
    expect(upsertFile(files, { path: "/c", text: "" })).toHaveLength(3);
    expect(removeFile(files, "/a")).toEqual([{ path: "/b", text: "2" }]);
  });

  it("lists the files a run created or changed, not the ones it left alone", () => {
    const given = [
      { path: "/same.txt", text: "x" },
      { path: "/edited.txt", text: "old" },
    ];
    const after = {
      "/same.txt": bytes("x"),
      "/edited.txt": bytes("new"),
      "/out.txt": bytes("made"),
    };
    expect(outputFiles(given, after).map((f) => [f.path, f.status])).toEqual([
      ["/edited.txt", "changed"],
      ["/out.txt", "created"],
    ]);
    expect(outputFiles(given, undefined)).toEqual([]);
    expect(baseName("/dir/out.txt")).toBe("out.txt");
  });
});
