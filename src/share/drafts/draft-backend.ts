// Where drafts live: IndexedDB in the drafts worker (indexeddb-backend.ts), memory in tests and
// when the browser blocks storage. Records and blobs are written in one step, so a draft never
// references a blob that was not stored.
import type { StoredDraft } from "./draft-record";

export interface DraftBackend {
  /** false: drafts last only as long as the page (the browser blocks storage). */
  readonly persistent: boolean;
  /** Every record; an entry that fails validation is left out (and reported by `skipped`). */
  all(): Promise<{ drafts: StoredDraft[]; skipped: number }>;
  get(id: string): Promise<StoredDraft | undefined>;
  /** Stores the record and the blobs not stored yet, all or nothing. */
  put(draft: StoredDraft, blobs: ReadonlyMap<string, Uint8Array>): Promise<void>;
  /** Deletes records and blobs (missing ones are ignored). */
  delete(ids: readonly string[], blobs: readonly string[]): Promise<void>;
  getBlob(hash: string): Promise<Uint8Array | undefined>;
  hasBlob(hash: string): Promise<boolean>;
  /** The hashes of every stored blob (to delete the ones no draft references). */
  blobKeys(): Promise<string[]>;
}

/** Drafts in memory: the tests' backend, and the page's when storage is blocked. */
export class MemoryBackend implements DraftBackend {
  readonly drafts = new Map<string, StoredDraft>();
  readonly blobs = new Map<string, Uint8Array>();
  /** Tests: bytes this backend may hold before put() fails like a full browser storage. */
  constructor(
    readonly persistent = false,
    private readonly quotaBytes = Infinity,
  ) {}

  all() {
    return Promise.resolve({ drafts: [...this.drafts.values()], skipped: 0 });
  }
  get(id: string) {
    return Promise.resolve(this.drafts.get(id));
  }
  put(draft: StoredDraft, blobs: ReadonlyMap<string, Uint8Array>) {
    const held = (map: Map<string, { length: number }>) =>
      [...map.values()].reduce((n, v) => n + v.length, 0);
    const others = [...this.drafts.values()].filter((d) => d.id !== draft.id);
    const newBlobs = [...blobs].filter(([hash]) => !this.blobs.has(hash));
    const total =
      held(this.blobs) +
      others.reduce((n, d) => n + d.json.length, 0) +
      draft.json.length +
      newBlobs.reduce((n, [, b]) => n + b.length, 0);
    if (total > this.quotaBytes) {
      return Promise.reject(
        Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" }),
      );
    }
    for (const [hash, bytes] of newBlobs) this.blobs.set(hash, bytes);
    this.drafts.set(draft.id, draft);
    return Promise.resolve();
  }
  delete(ids: readonly string[], blobs: readonly string[]) {
    for (const id of ids) this.drafts.delete(id);
    for (const hash of blobs) this.blobs.delete(hash);
    return Promise.resolve();
  }
  getBlob(hash: string) {
    return Promise.resolve(this.blobs.get(hash));
  }
  hasBlob(hash: string) {
    return Promise.resolve(this.blobs.has(hash));
  }
  blobKeys() {
    return Promise.resolve([...this.blobs.keys()]);
  }
}
