// Adding and removing the guest's files (Files panel, embedding API). Every file is checked —
// path, then size — before it joins the state; a refused one gets a notice and changes nothing.
import { log, notify, type PlaygroundStore } from "./context";
import {
  entryFromBytes,
  MAX_GUEST_FILE_BYTES,
  normalizePath,
  removeFile,
  upsertFile,
} from "./guest-files";
import { groupDigits } from "../../sandbox/digits";
import { formatBytes } from "../../sandbox/bytes";

/** Puts a file at `path` (replacing one there). Returns the normalised path, or null if refused. */
export function putGuestFile(
  store: PlaygroundStore,
  rawPath: string,
  content: string | Uint8Array,
): string | null {
  const checked = normalizePath(rawPath);
  if (!checked.ok) {
    notify(store, "error", checked.message);
    return null;
  }
  const size =
    typeof content === "string" ? new TextEncoder().encode(content).length : content.length;
  if (size > MAX_GUEST_FILE_BYTES) {
    notify(
      store,
      "error",
      `${checked.path} is ${formatBytes(size)}; files for the program can be up to ${formatBytes(MAX_GUEST_FILE_BYTES)}.`,
    );
    return null;
  }
  const entry =
    typeof content === "string"
      ? { path: checked.path, text: content }
      : entryFromBytes(checked.path, content);
  store.set((s) => ({ io: { ...s.io, files: upsertFile(s.io.files, entry) } }));
  return checked.path;
}

export function removeGuestFile(store: PlaygroundStore, path: string): void {
  store.set((s) => ({ io: { ...s.io, files: removeFile(s.io.files, path) } }));
}

/** Files dropped on the Files panel: each becomes /<its name>. */
export async function addDroppedFiles(
  store: PlaygroundStore,
  files: readonly File[],
): Promise<number> {
  let added = 0;
  for (const file of files) {
    if (file.size > MAX_GUEST_FILE_BYTES) {
      notify(
        store,
        "error",
        `${file.name} is ${formatBytes(file.size)}; files for the program can be up to ${formatBytes(MAX_GUEST_FILE_BYTES)}.`,
      );
      continue;
    }
    const path = putGuestFile(store, file.name, new Uint8Array(await file.arrayBuffer()));
    if (path) {
      added++;
      log(store, "info", `Added ${path} (${groupDigits(file.size)} bytes) for the program.`);
    }
  }
  return added;
}
