// One accounting for the guest's files: every file object the guest can still reach (by a name or
// an open fd) counts once against maxFsBytes, and what readFiles returns is each object once.
// Each bypass below was seen against the earlier tree-only recount.
import { describe, expect, it } from "vitest";
import { SandboxConfigError } from "../../config";
import { fsGuest } from "./fs-guest";

const BUDGET = 100_000;
const CHUNK = 60_000; // two chunks never fit, one always does
const OK = 0;
const ERRNO_BADF = 8;
const ERRNO_FBIG = 22;

const sum = (files: Record<string, Uint8Array>) =>
  Object.values(files).reduce((total, bytes) => total + bytes.byteLength, 0);

describe("WASI file budget: one accounting", () => {
  it("bytes of a file unlinked while open still count, until its last fd is closed", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET });
    const fd = g.open("held");
    expect(g.write(fd, CHUNK)).toBe(OK);
    expect(g.unlink("held")).toBe(OK);
    expect(g.write(fd, CHUNK)).toBe(ERRNO_FBIG); // the unlinked file keeps growing otherwise
    const other = g.open("other");
    expect(g.write(other, CHUNK)).toBe(ERRNO_FBIG);
    expect(g.close(fd)).toBe(OK); // last name and last fd gone: its bytes are free
    expect(g.write(other, CHUNK)).toBe(OK);
  });

  it("unlinked-while-open growth through fd_pwrite, fd_allocate and set_size is counted", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET });
    const fd = g.open("held");
    expect(g.allocate(fd, 0n, BigInt(CHUNK))).toBe(OK);
    expect(g.unlink("held")).toBe(OK);
    const other = g.open("other");
    expect(g.setSize(other, BigInt(CHUNK))).toBe(ERRNO_FBIG);
    expect(g.allocate(other, 0n, BigInt(CHUNK))).toBe(ERRNO_FBIG);
    expect(g.pwrite(other, CHUNK, 0n)).toBe(ERRNO_FBIG);
    expect(g.setSize(fd, 0n)).toBe(OK); // shrinking the held file frees its bytes
    expect(g.pwrite(other, CHUNK, 0n)).toBe(OK);
  });

  it("fd_renumber keeps an unlinked file's bytes counted under its new number", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET });
    const fd = g.open("held");
    const spare = g.open("spare");
    expect(g.write(fd, CHUNK)).toBe(OK);
    expect(g.unlink("held")).toBe(OK);
    expect(g.renumber(fd, spare)).toBe(OK);
    expect(g.write(g.open("other"), CHUNK)).toBe(ERRNO_FBIG);
  });

  it("path_link ×20: a file with many names counts once, and is returned once", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET });
    const fd = g.open("a");
    expect(g.write(fd, CHUNK)).toBe(OK);
    for (let i = 0; i < 20; i++) expect(g.link("a", `link${i}`)).toBe(OK);
    // A file written and removed leaves the running count too high, so the next write re-measures:
    // 60 000 bytes held once, so 30 000 more fit (a per-name count would say 1.26 MB).
    const t = g.open("t");
    expect(g.write(t, CHUNK / 2)).toBe(OK);
    expect(g.close(t)).toBe(OK);
    expect(g.unlink("t")).toBe(OK);
    expect(g.write(g.open("b"), CHUNK / 2)).toBe(OK);
    // Growing the file through another name is growth of the same, counted file.
    expect(g.pwrite(g.open("link7"), CHUNK / 2, BigInt(CHUNK))).toBe(ERRNO_FBIG);
    const files = g.host.readFiles();
    expect(Object.keys(files)).toEqual(["/a", "/b"]);
    expect(sum(files)).toBe(CHUNK + CHUNK / 2);
    const links = g.host.readFileLinks();
    expect(Object.keys(links)).toHaveLength(20);
    expect(links["/link7"]).toBe("/a");
  });

  it("unlinking every name but keeping an fd: hard links cannot smuggle bytes out of the count", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET });
    const fd = g.open("a");
    expect(g.write(fd, CHUNK)).toBe(OK);
    expect(g.link("a", "b")).toBe(OK);
    expect(g.unlink("a")).toBe(OK);
    expect(g.write(g.open("c"), CHUNK)).toBe(ERRNO_FBIG); // still named "b"
    expect(g.unlink("b")).toBe(OK);
    expect(g.write(g.open("c"), CHUNK)).toBe(ERRNO_FBIG); // still open
    expect(g.close(fd)).toBe(OK);
    expect(g.write(g.open("c"), CHUNK)).toBe(OK);
  });

  it("rename over an open file: the replaced file counts while its fd is open, then is freed", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET });
    const fd = g.open("a");
    expect(g.write(fd, CHUNK)).toBe(OK);
    expect(g.write(g.open("b"), 10)).toBe(OK);
    expect(g.rename("b", "a")).toBe(OK);
    expect(g.write(fd, CHUNK)).toBe(ERRNO_FBIG); // the replaced file is still reachable
    expect(g.write(g.open("c"), CHUNK)).toBe(ERRNO_FBIG);
    expect(g.close(fd)).toBe(OK);
    expect(g.write(g.open("c"), CHUNK)).toBe(OK);
    expect(Object.keys(g.host.readFiles())).toEqual(["/a", "/c"]);
  });

  it("a removed directory still open as an fd: files created in it count", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET });
    expect(g.mkdir("d")).toBe(OK);
    const dir = g.open("d", { directory: true });
    expect(g.rmdir("d")).toBe(OK);
    const inside = g.open("x", { dir });
    expect(g.write(inside, CHUNK)).toBe(OK);
    expect(g.close(inside)).toBe(OK);
    expect(g.write(g.open("y"), CHUNK)).toBe(ERRNO_FBIG);
  });

  it("a directory renamed into itself (a detached cycle) is measured without looping", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET });
    expect(g.mkdir("a")).toBe(OK);
    expect(g.mkdir("a/b")).toBe(OK);
    const b = g.open("a/b", { directory: true });
    expect(g.write(g.open("a/f"), CHUNK)).toBe(OK);
    expect(g.rename("a", "c", { from: 3, to: b })).toBe(OK); // a/b/c is a again
    expect(g.write(g.open("y"), CHUNK)).toBe(ERRNO_FBIG); // a/f is reachable through fd b
    expect(g.host.readFiles()).toEqual({ "/y": new Uint8Array(0) }); // the cycle has no name
  });

  it("stdin is read-only: it can be neither grown nor truncated", async () => {
    const g = await fsGuest({ maxFsBytes: BUDGET, stdin: "input" });
    expect(g.allocate(0, 0n, BigInt(CHUNK))).toBe(ERRNO_BADF);
    expect(g.setSize(0, 0n)).toBe(ERRNO_BADF);
    expect(g.setSize(0, BigInt(CHUNK))).toBe(ERRNO_BADF);
  });

  it("the person's files count from the start; what comes back never passes the budget", async () => {
    const g = await fsGuest({
      maxFsBytes: BUDGET,
      files: [{ path: "/in.bin", data: new Uint8Array(CHUNK) }],
    });
    expect(g.write(g.open("out"), CHUNK)).toBe(ERRNO_FBIG);
    for (let i = 0; i < 20; i++) expect(g.link("in.bin", `copy${i}`)).toBe(OK);
    expect(sum(g.host.readFiles())).toBeLessThanOrEqual(BUDGET);
  });

  it("the person's files over the budget are refused before the run, with a clear message", async () => {
    const files = [
      { path: "/a.bin", data: new Uint8Array(CHUNK) },
      { path: "/b.bin", data: new Uint8Array(CHUNK) },
    ];
    const refused = await fsGuest({ maxFsBytes: BUDGET, files }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SandboxConfigError);
    expect((refused as Error).message).toMatch(
      /files given hold 120000 bytes, more than the file budget of 100000 bytes/,
    );
  });
});
