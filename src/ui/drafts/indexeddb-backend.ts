// Drafts in IndexedDB, used from the drafts worker: records in "drafts", module and file bytes
// in "blobs" under their SHA-256. Records are validated as they are read (another tab, an
// older release or a damaged profile may have written them).
import type { DraftBackend } from "../../share/drafts/draft-backend";
import { StoredDraftSchema, type StoredDraft } from "../../share/drafts/draft-record";

/** NOTE — names must not change: drafts saved by earlier releases live under them. */
const DB_NAME = "wasm-playground-drafts";
const DB_VERSION = 1;
const DRAFTS = "drafts";
const BLOBS = "blobs";

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // A quota failure aborts the transaction with QuotaExceededError as its error.
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
  });
}

export async function openIndexedDbBackend(factory: IDBFactory = indexedDB): Promise<DraftBackend> {
  const open = factory.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: "id" });
    if (!db.objectStoreNames.contains(BLOBS)) db.createObjectStore(BLOBS);
  };
  const db = await done(open);
  const store = (name: string, mode: IDBTransactionMode) =>
    db.transaction([name], mode).objectStore(name);
  const valid = (value: unknown): StoredDraft | undefined => {
    const parsed = StoredDraftSchema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    persistent: true,
    async all() {
      const values = await done(store(DRAFTS, "readonly").getAll());
      const drafts = values.map(valid).filter((d): d is StoredDraft => d !== undefined);
      return { drafts, skipped: values.length - drafts.length };
    },
    async get(id) {
      return valid(await done(store(DRAFTS, "readonly").get(id)));
    },
    async put(draft, blobs) {
      const tx = db.transaction([DRAFTS, BLOBS], "readwrite");
      const written = committed(tx);
      for (const [hash, bytes] of blobs) tx.objectStore(BLOBS).put(bytes, hash);
      tx.objectStore(DRAFTS).put(draft);
      await written;
    },
    async delete(ids, blobs) {
      const tx = db.transaction([DRAFTS, BLOBS], "readwrite");
      const written = committed(tx);
      for (const id of ids) tx.objectStore(DRAFTS).delete(id);
      for (const hash of blobs) tx.objectStore(BLOBS).delete(hash);
      await written;
    },
    async getBlob(hash) {
      const value: unknown = await done(store(BLOBS, "readonly").get(hash));
      return value instanceof Uint8Array ? value : undefined;
    },
    async hasBlob(hash) {
      return (await done(store(BLOBS, "readonly").count(hash))) > 0;
    },
    async blobKeys() {
      const keys = await done(store(BLOBS, "readonly").getAllKeys());
      return keys.filter((k): k is string => typeof k === "string");
    },
  };
}
