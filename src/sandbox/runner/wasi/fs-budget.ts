// The one accounting of the guest's files. What counts is every file object (inode) the guest
// can still reach, by a name in any directory or by an open fd, each once however many names and
// fds refer to it: a file unlinked while open, the file a rename replaced while it was open, a
// directory removed while open (and the files created in it since), a directory renamed into
// itself (a detached cycle) all still count; a hard link adds nothing. Stdin is left out: it is
// the person's input, read-only (wasi-host.ts refuses to resize it) and has no name to link.
import { Directory, File, Inode, OpenDirectory, OpenFile } from "@bjorn3/browser_wasi_shim";

/** The inodes an fd table holds open: an open file's file, an open directory's directory. */
export function inodesOf(fds: readonly unknown[]): Inode[] {
  const inodes: Inode[] = [];
  for (const fd of fds) {
    // A read-only file is stdin: the person's input, which the guest can neither grow nor name.
    if (fd instanceof OpenFile) {
      if (!fd.file.readonly) inodes.push(fd.file);
    } else if (fd instanceof OpenDirectory) inodes.push(fd.dir);
  }
  return inodes;
}

/** Every distinct file reachable from `roots`: iterative, each directory visited once (cycles). */
export function reachableFiles(roots: Iterable<Inode>): Set<File> {
  const files = new Set<File>();
  const seen = new Set<Directory>();
  const pending = [...roots];
  for (let inode = pending.pop(); inode !== undefined; inode = pending.pop()) {
    if (inode instanceof File) files.add(inode);
    else if (inode instanceof Directory && !seen.has(inode)) {
      seen.add(inode);
      for (const child of inode.contents.values()) pending.push(child);
    }
  }
  return files;
}

export function bytesOf(files: Iterable<File>): number {
  let total = 0;
  for (const file of files) total += file.data.byteLength;
  return total;
}

/**
 * Keeps the bytes of every reachable file under a cap. Growth is checked before the shim runs
 * (the shim allocates `offset + length` at once, so one fd_pwrite at 2^40 would ask for a
 * terabyte) and added to a running count. The count can only overstate: whatever frees bytes
 * (unlink, rename over, close, truncate) is not seen as it happens. So only when a growth would
 * pass the cap is the real total measured, by walking everything reachable; a call that may
 * have freed bytes marks the count stale, so refusals in a row do not walk again and again.
 */
export class FsBudget {
  private used: number;
  private stale = false;

  constructor(
    private readonly roots: () => Iterable<Inode>,
    readonly maxBytes: number,
  ) {
    this.used = bytesOf(reachableFiles(roots()));
  }

  /** The bytes counted now: exact after construction, an upper bound after that. */
  get usedBytes(): number {
    return this.used;
  }

  /** Whether `file` may grow to `newSize` bytes; records the growth if so. */
  allowGrowth(file: File, newSize: bigint): boolean {
    const growth = Number(newSize) - file.data.byteLength;
    if (growth <= 0) return true;
    if (newSize > BigInt(this.maxBytes)) return false;
    if (this.used + growth > this.maxBytes && this.stale) {
      this.used = bytesOf(reachableFiles(this.roots()));
      this.stale = false;
    }
    if (this.used + growth > this.maxBytes) return false;
    this.used += growth;
    return true;
  }

  /** Something may have freed bytes (a name or fd gone, a file shrunk): measure before refusing. */
  mayHaveFreed(): void {
    this.stale = true;
  }
}
