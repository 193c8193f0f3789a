// Drafts as earlier releases kept them, in local storage: the working draft and the one a
// shared link replaced. The page now keeps drafts in IndexedDB (src/ui/drafts); it reads these
// once, moves them over and clears them (clear()).
// Storage is injected (localStorage in the page, a Map-backed fake in tests). Stored drafts
// pass the same gate as links (validate-state.ts): a corrupt or foreign entry is ignored with
// a reason, never trusted, never a crash.
import { decodeBase64Url, encodeBase64Url } from "./base64url";
import { formatSize, type DecodeErrorCode } from "./errors";
import type { PlaygroundState } from "./state-schema";
import { checkState, validateWireState } from "./validate-state";
import { toWireObject, type ResolveRef } from "./wire-json";

/** The part of the Web Storage API we use. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** NOTE — values must not change: drafts saved by earlier releases live under these keys. */
export const DRAFT_KEYS = {
  current: "wasm-playground:draft",
  previous: "wasm-playground:previous-draft",
} as const;
const BASE64_REF_KEY = "$base64";

export type DraftLoad =
  | { ok: true; state: PlaygroundState; savedAt: number; migratedFrom?: number }
  | { ok: false; code: "empty" | "storage_unavailable" | DecodeErrorCode; message: string };

export type DraftSave =
  | { ok: true; chars: number }
  | {
      ok: false;
      code: "quota_exceeded" | "storage_unavailable" | "invalid_state";
      message: string;
    };

type Slot = keyof typeof DRAFT_KEYS;

const base64Resolver: ResolveRef = (ref) => {
  if (!(BASE64_REF_KEY in ref)) return undefined;
  const text = ref[BASE64_REF_KEY];
  const decoded = typeof text === "string" ? decodeBase64Url(text) : undefined;
  return decoded?.ok && !decoded.droppedDanglingChar ? decoded.bytes : "bad base64 data";
};

function serialize(state: PlaygroundState, savedAt: number): string {
  const wire = toWireObject(state, (bytes) => ({ [BASE64_REF_KEY]: encodeBase64Url(bytes) }));
  return JSON.stringify({ savedAt, state: wire });
}

/** Same work, ignoring the attached result summary. */
function sameWork(a: PlaygroundState, b: PlaygroundState): boolean {
  return serialize({ ...a, result: undefined }, 0) === serialize({ ...b, result: undefined }, 0);
}

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  // Chromium/WebKit: QuotaExceededError (code 22); Firefox: NS_ERROR_DOM_QUOTA_REACHED (1014).
  const code = (error as { code?: unknown } | null)?.code;
  return (
    name === "QuotaExceededError" ||
    name === "NS_ERROR_DOM_QUOTA_REACHED" ||
    code === 22 ||
    code === 1014
  );
}

export class DraftStore {
  constructor(
    private readonly storage: StorageLike,
    private readonly now: () => number = Date.now,
  ) {}

  /** Saves the working draft (the caller debounces). */
  save(state: PlaygroundState): DraftSave {
    return this.write("current", state);
  }

  /** The working draft saved last, validated; a corrupt entry is reported and left alone. */
  load(): DraftLoad {
    return this.read("current");
  }

  /** The draft a shared link replaced, if any. */
  loadPrevious(): DraftLoad {
    return this.read("previous");
  }

  /**
   * A shared link is replacing the page's state: keep `current` (the page's live state, which
   * may be ahead of the debounced save) as the previous draft unless it is the same work,
   * then store the shared state as the draft. Asks nothing, loses nothing.
   */
  adoptSharedState(
    current: PlaygroundState | null,
    shared: PlaygroundState,
  ): { keptPrevious: boolean; save: DraftSave } {
    let keptPrevious = false;
    if (current && !sameWork(current, shared)) {
      const kept = this.write("previous", current);
      // If the previous draft cannot be kept, keep the stored draft too: do not overwrite it.
      if (!kept.ok) return { keptPrevious: false, save: kept };
      keptPrevious = true;
    }
    return { keptPrevious, save: this.write("current", shared) };
  }

  /**
   * Brings back the draft a link replaced. The state it replaces (`current`) becomes the
   * previous draft in turn, so restoring can itself be undone.
   */
  restorePreviousDraft(current: PlaygroundState | null): DraftLoad {
    const previous = this.read("previous");
    if (!previous.ok) return previous;
    const swapped = current ? this.write("previous", current) : this.remove("previous");
    if (!swapped.ok) return { ok: false, code: "storage_unavailable", message: swapped.message };
    this.write("current", previous.state);
    return previous;
  }

  /** Removes both slots (after they were moved elsewhere). */
  clear(): void {
    this.remove("current");
    this.remove("previous");
  }

  private read(slot: Slot): DraftLoad {
    let text: string | null;
    try {
      text = this.storage.getItem(DRAFT_KEYS[slot]);
    } catch (error) {
      return {
        ok: false,
        code: "storage_unavailable",
        message: `Local storage cannot be read: ${String(error)}`,
      };
    }
    if (text === null) return { ok: false, code: "empty", message: "No draft is saved." };
    let record: { savedAt?: unknown; state?: unknown };
    try {
      record = JSON.parse(text) as typeof record;
    } catch {
      return {
        ok: false,
        code: "invalid_json",
        message: "The saved draft is damaged (not JSON) and was ignored.",
      };
    }
    const valid = validateWireState(record?.state, base64Resolver, "saved draft");
    if (!valid.ok)
      return {
        ok: false,
        code: valid.code,
        message: `${valid.message} It was ignored.`,
      };
    const savedAt = typeof record.savedAt === "number" ? record.savedAt : 0;
    return { ...valid, savedAt };
  }

  private write(slot: Slot, state: PlaygroundState): DraftSave {
    const checked = checkState(state);
    if (!checked.ok) return { ok: false, code: "invalid_state", message: checked.message };
    const text = serialize(checked.state, this.now());
    try {
      this.storage.setItem(DRAFT_KEYS[slot], text);
    } catch (error) {
      if (isQuotaError(error)) {
        return {
          ok: false,
          code: "quota_exceeded",
          message: `The browser's storage for this page is full, so the draft (${formatSize(text.length * 2)}) was not saved locally. Your work is still on the page; share a link or download it to keep it.`,
        };
      }
      return {
        ok: false,
        code: "storage_unavailable",
        message: `Local storage cannot be written: ${String(error)}`,
      };
    }
    return { ok: true, chars: text.length };
  }

  private remove(slot: Slot): DraftSave {
    try {
      this.storage.removeItem(DRAFT_KEYS[slot]);
      return { ok: true, chars: 0 };
    } catch (error) {
      return {
        ok: false,
        code: "storage_unavailable",
        message: `Local storage cannot be written: ${String(error)}`,
      };
    }
  }
}
