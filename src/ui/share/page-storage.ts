// The page's local storage, or a stand-in when the browser refuses it. Reading
// window.localStorage itself throws (SecurityError) in a sandboxed or cross-origin frame and
// under strict privacy settings; the page must still work, and say that drafts are not kept.
import type { StorageLike } from "../../share";

export type PageStorage =
  { storage: StorageLike; blocked: null } | { storage: StorageLike; blocked: string };

/** Keeps drafts for the life of the page only. */
function memoryStorage(): StorageLike {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

export function openPageStorage(read: () => Storage = () => window.localStorage): PageStorage {
  try {
    const storage = read();
    storage.getItem("wasm-playground:probe");
    return { storage, blocked: null };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      storage: memoryStorage(),
      blocked: `This browser does not let the page use its storage (${why}), so your draft is kept only while this tab is open. Share a link to keep your work.`,
    };
  }
}
