// What this tab was working on, kept across a reload (sessionStorage: per tab, gone with it):
// the draft it edits and the link that draft came from. A reload of a link this tab already
// opened (or shared) brings back the draft — the newer work — instead of the link again.
// Storage that throws (blocked by the browser) is treated as empty: the page still works.
import { z } from "../../sandbox/zod";
import type { StorageLike } from "../../share";

const KEY = "wasm-playground:tab";
const TabSchema = z.strictObject({
  draftId: z.string().max(100).nullable(),
  /** The link ("#s1/…") in the address bar when draftId was saved from it. */
  hash: z.string().max(70_000).nullable(),
});
export type TabMemory = z.infer<typeof TabSchema>;

export function tabMemory(storage: StorageLike | null) {
  return {
    read(): TabMemory {
      try {
        const text = storage?.getItem(KEY);
        const parsed = TabSchema.safeParse(text ? JSON.parse(text) : null);
        return parsed.success ? parsed.data : { draftId: null, hash: null };
      } catch {
        return { draftId: null, hash: null };
      }
    },
    write(memory: TabMemory): void {
      try {
        storage?.setItem(KEY, JSON.stringify(memory));
      } catch {
        // Blocked or full: a reload then opens the latest draft or the link, as before.
      }
    },
  };
}

/** A storage the browser may refuse to give (a sandboxed frame, strict privacy settings). */
export function guardedStorage(get: () => Storage): StorageLike | null {
  try {
    const storage = get();
    storage.getItem(KEY);
    return storage;
  } catch {
    return null;
  }
}
