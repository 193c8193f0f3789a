// The guest's in-memory file system: the person's files in, every file back out (each file
// object once). The size cap is fs-budget.ts.
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

/** Every name of a regular file under `contents`, "/path" and file, depth first in name order. */
function namedFiles(contents: Map<string, Inode>): [string, File][] {
  const named: [string, File][] = [];
  // Iterative, each directory once: nesting depth is the guest's to choose.
  const seen = new Set<Map<string, Inode>>([contents]);
  const stack = [{ prefix: "/", contents, names: [...contents.keys()].sort(), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next === top.names.length) {
      stack.pop();
      continue;
    }
    const name = top.names[top.next++];
    const entry = top.contents.get(name);
    if (entry instanceof File) named.push([top.prefix + name, entry]);
    else if (entry instanceof Directory && !seen.has(entry.contents)) {
      seen.add(entry.contents);
      const names = [...entry.contents.keys()].sort();
      stack.push({ prefix: `${top.prefix}${name}/`, contents: entry.contents, names, next: 0 });
    }
  }
  return named;
}

/** Each file object under its first name in name order, and every further name → that name. */
function firstNames(contents: Map<string, Inode>) {
  const first: [string, File][] = [];
  const links: Record<string, string> = {};
  const firstName = new Map<File, string>();
  for (const [path, file] of namedFiles(contents)) {
    const earlier = firstName.get(file);
    if (earlier !== undefined) links[path] = earlier;
    else {
      firstName.set(file, path);
      first.push([path, file]);
    }
  }
  return { first, links };
}

/**
 * The guest's files after a run, each file object once: "/path" → a copy of its bytes, under the
 * first of its names in name order. Further names of the same file (hard links) are in
 * fileLinks, not here, so 20 names of one file return its bytes once, and the total returned is
 * at most what the budget counted.
 */
export function collectFiles(contents: Map<string, Inode>): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const [path, file] of firstNames(contents).first) files[path] = new Uint8Array(file.data);
  return files;
}

/** Every further name of a file collectFiles returned (a hard link) → the path it is under. */
export function fileLinks(contents: Map<string, Inode>): Record<string, string> {
  return firstNames(contents).links;
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
