// --dir HOST::GUEST on an in-memory file system: the host directory's regular files are copied
// in before the run, and the files the guest created or changed under GUEST are written back
// after it. Symbolic links are neither followed in nor written through, so the guest can never
// reach outside the directory it was given.
import { lstat, mkdir, readdir, readFile, realpath, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { GuestFile } from "../sandbox";
import type { DirMapping } from "./args";

/** The guest directory in its absolute form ("data", "/data/" → "/data"; "/" stays "/"). */
export function guestRoot(guest: string): string {
  const parts = guest.split("/").filter((p) => p !== "" && p !== ".");
  return `/${parts.join("/")}`;
}

/** The guest path of a host file at `rel` (host separators) under a mapping's guest root. */
function guestPathOf(root: string, rel: string): string {
  const tail = rel.split(sep).join("/");
  return root === "/" ? `/${tail}` : `${root}/${tail}`;
}

/** Every regular file under the mappings' host directories, at its guest path. */
export async function loadDirs(dirs: readonly DirMapping[]): Promise<GuestFile[]> {
  const files: GuestFile[] = [];
  for (const dir of dirs) {
    const top = resolve(dir.host);
    const stat = await lstat(top).catch(() => undefined);
    if (!stat?.isDirectory()) throw new Error(`--dir ${dir.host}: not a directory`);
    const root = guestRoot(dir.guest);
    const walk = async (at: string): Promise<void> => {
      for (const entry of await readdir(at, { withFileTypes: true })) {
        const path = join(at, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) {
          files.push({ path: guestPathOf(root, relative(top, path)), data: await readFile(path) });
        }
      }
    };
    await walk(top);
  }
  return files;
}

function sameBytes(a: Uint8Array, b: Uint8Array | string): boolean {
  const other = typeof b === "string" ? new TextEncoder().encode(b) : b;
  return a.length === other.length && a.every((byte, i) => byte === other[i]);
}

/**
 * Writes back the guest's files under each mapping's guest root that are new or changed.
 * Returns the host paths written. Files the guest deleted stay on the host.
 */
export async function writeBackDirs(
  dirs: readonly DirMapping[],
  before: readonly GuestFile[],
  after: Record<string, Uint8Array> | undefined,
): Promise<string[]> {
  if (!after || dirs.length === 0) return [];
  const original = new Map(before.map((f) => [f.path, f.data]));
  const written: string[] = [];
  for (const [path, data] of Object.entries(after)) {
    const old = original.get(path);
    if (old !== undefined && sameBytes(data, old)) continue;
    // The innermost mapping that holds the path decides where it goes.
    const dir = [...dirs]
      .map((d) => ({ ...d, root: guestRoot(d.guest) }))
      .filter((d) => d.root === "/" || path === d.root || path.startsWith(`${d.root}/`))
      .sort((a, b) => b.root.length - a.root.length)[0];
    if (!dir) continue;
    const rel = path.slice(dir.root === "/" ? 1 : dir.root.length + 1);
    const parts = rel.split("/");
    if (rel === "" || parts.some((p) => p === "" || p === "." || p === "..")) continue;
    const top = await realpath(resolve(dir.host));
    const target = join(top, ...parts);
    // No link on the way may lead out of the directory, and a link is never written through.
    if (!(await staysInside(top, dirname(target)))) continue;
    await mkdir(dirname(target), { recursive: true });
    const existing = await lstat(target).catch(() => undefined);
    if (existing && !existing.isFile()) continue;
    await writeFile(target, data);
    written.push(target);
  }
  return written;
}

/** Whether `dir` (which may not exist yet) resolves, through any links, to `top` or under it. */
async function staysInside(top: string, dir: string): Promise<boolean> {
  let existing = dir;
  while ((await lstat(existing).catch(() => undefined)) === undefined) existing = dirname(existing);
  const real = await realpath(existing);
  return real === top || real.startsWith(top + sep);
}
