// The guest's in-memory file system: the person's files in, every file back out, and a size cap.
//
// Files live in the shim's Directory/File tree under one preopened directory, "/". Paths given
// by the person are normalised to "/a/b.txt" form; readFiles-style output uses the same form.
import { Directory, File, Inode, OpenFile } from "@bjorn3/browser_wasi_shim";
import { SandboxConfigError } from "../../config";
import { normalizeGuestPath } from "../../guest-path";
import type { GuestFile } from "../../types";

/** Default cap on the bytes of all files together (the guest's files, not the person's input). */
export const DEFAULT_MAX_FS_BYTES = 64 * 1024 * 1024;

/** "dir/./a.txt" or "/dir/a.txt" → ["dir", "a.txt"]; refuses "..", empty names and NUL. */
export function splitGuestPath(path: string): string[] {
  const checked = normalizeGuestPath(path);
  if (!checked.ok) {
    throw new SandboxConfigError(
      "files",
      `file path ${JSON.stringify(path)} is not allowed (${checked.message.toLowerCase()}): ` +
        `use a path like "/input.txt" or "/data/input.txt"`,
    );
  }
  return checked.path.slice(1).split("/");
}

function toBytes(data: Uint8Array | string): Uint8Array {
  // Copy: the guest may change its files, and the caller's array must stay as it was.
  return typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
}

/** Builds the contents of the preopened "/" from the person's files. */
export function buildRootContents(files: readonly GuestFile[] = []): Map<string, Inode> {
  const root = new Map<string, Inode>();
  for (const file of files) {
    const parts = splitGuestPath(file.path);
    let dir = root;
    for (const name of parts.slice(0, -1)) {
      let next = dir.get(name);
      if (next === undefined) {
        next = new Directory(new Map());
        dir.set(name, next);
      }
      if (!(next instanceof Directory)) {
        throw new SandboxConfigError(
          "files",
          `file path ${JSON.stringify(file.path)}: "${name}" is both a file and a directory`,
        );
      }
      dir = next.contents;
    }
    const leaf = parts[parts.length - 1];
    if (dir.has(leaf)) {
      throw new SandboxConfigError(
        "files",
        `file path ${JSON.stringify(file.path)} is given twice`,
      );
    }
    dir.set(leaf, new File(toBytes(file.data)));
  }
  // Directory's constructor links children to their parent; build the nesting bottom-up.
  return relink(root);
}

function relink(contents: Map<string, Inode>): Map<string, Inode> {
  for (const [name, entry] of contents) {
    if (entry instanceof Directory) contents.set(name, new Directory(relink(entry.contents)));
  }
  return contents;
}

/** Every regular file under `contents`, path → a copy of its bytes, in name order. */
export function collectFiles(
  contents: Map<string, Inode>,
  prefix = "/",
): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const names = [...contents.keys()].sort();
  for (const name of names) {
    const entry = contents.get(name);
    if (entry instanceof File) out[prefix + name] = new Uint8Array(entry.data);
    else if (entry instanceof Directory)
      Object.assign(out, collectFiles(entry.contents, `${prefix}${name}/`));
  }
  return out;
}

function totalBytes(contents: Map<string, Inode>): number {
  let total = 0;
  for (const entry of contents.values()) {
    if (entry instanceof File) total += entry.data.byteLength;
    else if (entry instanceof Directory) total += totalBytes(entry.contents);
  }
  return total;
}

/**
 * Keeps the file system under a byte cap. The shim grows a file to `offset + length` on a write,
 * so one fd_pwrite at offset 2^40 would ask the host for a terabyte; such a call gets ERRNO_FBIG.
 * Growth is counted as it happens (an upper bound, since deletions are not seen); only when that
 * bound passes the cap is the real total measured by walking the tree.
 */
export class FsBudget {
  private used: number;

  constructor(
    private readonly root: Map<string, Inode>,
    readonly maxBytes: number,
  ) {
    this.used = totalBytes(root);
  }

  /** Whether `file` may grow to `newSize` bytes; records the growth if so. */
  allowGrowth(file: File, newSize: bigint): boolean {
    const growth = Number(newSize) - file.data.byteLength;
    if (growth <= 0) return true;
    if (newSize > BigInt(this.maxBytes)) return false;
    if (this.used + growth > this.maxBytes) this.used = totalBytes(this.root);
    if (this.used + growth > this.maxBytes) return false;
    this.used += growth;
    return true;
  }
}

/** The size a write of `length` bytes through `fd` would give its file, if it is a file. */
export function sizeAfterWrite(
  fd: unknown,
  length: number,
  offset?: bigint,
): [File, bigint] | undefined {
  if (!(fd instanceof OpenFile)) return undefined;
  const end = (offset ?? fd.file_pos) + BigInt(length);
  const size = fd.file.size;
  return [fd.file, end > size ? end : size];
}
