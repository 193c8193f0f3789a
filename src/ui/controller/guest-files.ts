// The guest's in-memory files, as the page keeps them: paths normalised to absolute ones under
// the preopened "/", text kept as text (small links), anything else as bytes; and the files a
// run created or changed, found by comparing its result with what it was given.
import { normalizeGuestPath } from "../../sandbox/guest-path";
import type { GuestFileEntry } from "../state/types";

/** One file may be this big (the share link refuses much less; the draft store may too). */
export const MAX_GUEST_FILE_BYTES = 8 * 1024 * 1024;

export type PathCheck = { ok: true; path: string } | { ok: false; message: string };

/** "input.txt", "./a/b" and "/a//b" become "/input.txt", "/a/b"; "..", empty and "/" are refused. */
export function normalizePath(raw: string): PathCheck {
  const checked = normalizeGuestPath(raw.trim()); // the engine's rule (a typed name may have spaces around)
  return checked.ok ? checked : { ok: false, message: `${checked.message}.` };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The text of bytes that are valid UTF-8 without NUL characters, else null (binary). */
export function textOf(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export function entryFromBytes(path: string, bytes: Uint8Array): GuestFileEntry {
  const text = textOf(bytes);
  return text === null ? { path, bytes } : { path, text };
}

export function bytesOf(file: GuestFileEntry): Uint8Array {
  return "text" in file ? new TextEncoder().encode(file.text) : file.bytes;
}

export function sizeOf(file: GuestFileEntry): number {
  return "text" in file ? new TextEncoder().encode(file.text).length : file.bytes.length;
}

/** The list with `file` added, or replacing the file at the same path (in place). */
export function upsertFile(
  files: readonly GuestFileEntry[],
  file: GuestFileEntry,
): GuestFileEntry[] {
  const at = files.findIndex((f) => f.path === file.path);
  if (at < 0) return [...files, file];
  return files.map((f, i) => (i === at ? file : f));
}

export function removeFile(files: readonly GuestFileEntry[], path: string): GuestFileEntry[] {
  return files.filter((f) => f.path !== path);
}

export interface OutputFile {
  path: string;
  bytes: Uint8Array;
  status: "created" | "changed";
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Files of a run's result that it created, or whose contents differ from what it was given. */
export function outputFiles(
  given: readonly GuestFileEntry[],
  after: Record<string, Uint8Array> | undefined,
): OutputFile[] {
  if (!after) return [];
  const before = new Map(given.map((f) => [f.path, bytesOf(f)]));
  const out: OutputFile[] = [];
  for (const [path, bytes] of Object.entries(after)) {
    const old = before.get(path);
    if (!old) out.push({ path, bytes, status: "created" });
    else if (!sameBytes(old, bytes)) out.push({ path, bytes, status: "changed" });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1) || "file";
}
