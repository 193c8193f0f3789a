// A small history of drafts: the person's own (up to OWN_DRAFTS) and the links they opened
// (up to LINK_DRAFTS), kept apart so that opening links never evicts — or overwrites — a draft
// of the person's. Runs in the drafts worker (hashing, serialising and storing off the main
// thread); the page sends the state's wire JSON and only the bytes not stored yet.
import { formatSize } from "../errors";
import type { PlaygroundState } from "../state-schema";
import { validateWireState } from "../validate-state";
import { resolveByteRefs } from "../wire-json";
import type { DraftBackend } from "./draft-backend";
import {
  NEW_BLOB_REF_KEY,
  SHA256_REF_KEY,
  type DraftOrigin,
  type DraftSummary,
  type StoredDraft,
} from "./draft-record";
import type { DecodeErrorCode } from "../errors";

export const OWN_DRAFTS = 20;
export const LINK_DRAFTS = 10;

export interface SaveRequest {
  /** The draft this updates; null starts a new one. */
  id: string | null;
  origin: DraftOrigin;
  summary: Pick<DraftSummary, "language" | "title" | "size">;
  /** toWireObject of a checked state; bytes as {"$new": i} (in `blobs`) or {"$sha256": hex}. */
  wire: unknown;
  blobs: Uint8Array[];
}

export type SaveOutcome =
  | { ok: true; id: string; savedAt: number; hashes: string[] }
  | {
      ok: false;
      /** unknown_blob: a {"$sha256"} the store does not hold; send the bytes again. */
      code: "quota_exceeded" | "storage_unavailable" | "unknown_blob" | "invalid_request";
      message: string;
      bytes: number;
    };

export type LoadOutcome =
  | {
      ok: true;
      summary: DraftSummary;
      state: PlaygroundState;
      /** The state's byte arrays with their hashes: saving them again sends only the hash. */
      known: [Uint8Array, string][];
      migratedFrom?: number;
    }
  | { ok: false; code: "empty" | "storage_unavailable" | DecodeErrorCode; message: string };

export interface HistoryOptions {
  now?: () => number;
  newId?: () => string;
  digest?: (bytes: Uint8Array) => Promise<string>;
  ownDrafts?: number;
  linkDrafts?: number;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED";
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class DraftHistory {
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly digest: (bytes: Uint8Array) => Promise<string>;
  private readonly caps: Record<DraftOrigin, number>;
  /** Writes one at a time, in the order asked: a later save never loses to an earlier one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backend: DraftBackend,
    options: HistoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.digest = options.digest ?? sha256Hex;
    this.caps = {
      own: options.ownDrafts ?? OWN_DRAFTS,
      link: options.linkDrafts ?? LINK_DRAFTS,
    };
  }

  get persistent(): boolean {
    return this.backend.persistent;
  }

  save(request: SaveRequest): Promise<SaveOutcome> {
    return this.serial(() => this.saveNow(request));
  }

  /** Newest first. */
  async list(): Promise<DraftSummary[]> {
    const { drafts } = await this.backend.all();
    return drafts
      .map(({ json: _json, blobs: _blobs, ...summary }) => summary)
      .sort((a, b) => b.savedAt - a.savedAt);
  }

  async load(id: string): Promise<LoadOutcome> {
    let draft: StoredDraft | undefined;
    try {
      draft = await this.backend.get(id);
    } catch (error) {
      return { ok: false, code: "storage_unavailable", message: describe(error) };
    }
    if (!draft) return { ok: false, code: "empty", message: "This draft is no longer saved." };
    return this.read(draft);
  }

  /** The draft saved (or restored) last. */
  async latest(): Promise<LoadOutcome> {
    const [newest] = await this.list();
    return newest
      ? this.load(newest.id)
      : { ok: false, code: "empty", message: "No draft is saved." };
  }

  /** Marks a draft as the latest (it was restored), so a reload brings it back. */
  touch(id: string): Promise<boolean> {
    return this.serial(async () => {
      const draft = await this.backend.get(id);
      if (!draft) return false;
      await this.backend.put({ ...draft, savedAt: this.nextSavedAt() }, new Map());
      return true;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private lastSavedAt = 0;
  /** Strictly increasing, so "latest" is the last write even within one millisecond. */
  private nextSavedAt(): number {
    this.lastSavedAt = Math.max(this.now(), this.lastSavedAt + 1);
    return this.lastSavedAt;
  }

  private async saveNow(request: SaveRequest): Promise<SaveOutcome> {
    const newBytes = request.blobs.reduce((n, b) => n + b.length, 0);
    const refused = (code: "invalid_request" | "unknown_blob", message: string): SaveOutcome => ({
      ok: false,
      code,
      message,
      bytes: newBytes,
    });
    if (request.wire === null || typeof request.wire !== "object")
      return refused("invalid_request", "the draft is not a state object");
    const hashes = await Promise.all(request.blobs.map((bytes) => this.digest(bytes)));
    const referenced = new Set<string>();
    const wire = structuredClone(request.wire) as Record<string, unknown>;
    const refError = resolveByteRefs(wire, (ref) => {
      if (NEW_BLOB_REF_KEY in ref) {
        const hash = hashes[ref[NEW_BLOB_REF_KEY] as number];
        if (hash === undefined) return "a new blob reference points past the blobs sent";
        referenced.add(hash);
        return { [SHA256_REF_KEY]: hash } as unknown as Uint8Array;
      }
      if (SHA256_REF_KEY in ref && typeof ref[SHA256_REF_KEY] === "string") {
        referenced.add(ref[SHA256_REF_KEY]);
        return ref as unknown as Uint8Array;
      }
      return undefined;
    });
    if (refError !== undefined) return refused("invalid_request", refError);
    const toStore = new Map<string, Uint8Array>();
    try {
      for (const hash of referenced) {
        const index = hashes.indexOf(hash);
        if (await this.backend.hasBlob(hash)) continue;
        if (index < 0) return refused("unknown_blob", `blob ${hash} is not stored`);
        toStore.set(hash, request.blobs[index]!);
      }
      const json = JSON.stringify(wire);
      const id = request.id ?? (await this.sameLinkDraft(request.origin, json)) ?? this.newId();
      const draft: StoredDraft = {
        id,
        savedAt: this.nextSavedAt(),
        origin: request.origin,
        ...request.summary,
        json,
        blobs: [...referenced],
      };
      await this.backend.put(draft, toStore);
      await this.evict(id);
      return { ok: true, id, savedAt: draft.savedAt, hashes };
    } catch (error) {
      const bytes = [...toStore.values()].reduce((n, b) => n + b.length, 0);
      if (isQuotaError(error)) {
        return {
          ok: false,
          code: "quota_exceeded",
          message: `The browser's storage for this page is full, so this draft (${formatSize(bytes + JSON.stringify(wire).length)}) was not saved. Your work is still on the page: save it as a file to keep it.`,
          bytes,
        };
      }
      return {
        ok: false,
        code: "storage_unavailable",
        message: `Drafts cannot be saved here: ${describe(error)}`,
        bytes,
      };
    }
  }

  /** Opening the same link twice keeps one draft of it. */
  private async sameLinkDraft(origin: DraftOrigin, json: string): Promise<string | undefined> {
    if (origin !== "link") return undefined;
    const { drafts } = await this.backend.all();
    return drafts.find((d) => d.origin === "link" && d.json === json)?.id;
  }

  /** Keeps the newest drafts of each origin (never `keep`) and the blobs they reference. */
  private async evict(keep: string): Promise<void> {
    const { drafts } = await this.backend.all();
    const byAge = [...drafts].sort((a, b) => b.savedAt - a.savedAt);
    const kept: StoredDraft[] = [];
    const dropped: string[] = [];
    const counts: Record<DraftOrigin, number> = { own: 0, link: 0 };
    for (const draft of byAge) {
      const rank = ++counts[draft.origin];
      if (draft.id === keep || rank <= this.caps[draft.origin]) kept.push(draft);
      else dropped.push(draft.id);
    }
    const referenced = new Set(kept.flatMap((d) => d.blobs));
    const orphans = (await this.backend.blobKeys()).filter((hash) => !referenced.has(hash));
    if (dropped.length > 0 || orphans.length > 0) await this.backend.delete(dropped, orphans);
  }

  private async read(draft: StoredDraft): Promise<LoadOutcome> {
    const blobs = new Map<string, Uint8Array>();
    try {
      for (const hash of draft.blobs) {
        const bytes = await this.backend.getBlob(hash);
        if (bytes) blobs.set(hash, bytes);
      }
    } catch (error) {
      return { ok: false, code: "storage_unavailable", message: describe(error) };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(draft.json);
    } catch {
      return { ok: false, code: "invalid_json", message: "The saved draft is damaged (not JSON)." };
    }
    const valid = validateWireState(
      raw,
      (ref) => {
        if (!(SHA256_REF_KEY in ref)) return undefined;
        return blobs.get(String(ref[SHA256_REF_KEY])) ?? "its module or file is missing";
      },
      "saved draft",
    );
    if (!valid.ok) return valid;
    const { json: _json, blobs: _hashes, ...summary } = draft;
    const known = new Map<Uint8Array, string>();
    for (const [hash, bytes] of blobs) known.set(bytes, hash);
    return { ...valid, summary, known: [...known] };
  }
}
