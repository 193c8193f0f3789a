// Share links and drafts on the page: open from a link (never running it), share to the
// clipboard and the address bar, autosave the draft, restore the draft a link replaced,
// follow back/forward. Location, history, storage and clipboard are passed in (test seams).
import {
  clearLinkFromHistory,
  compareWithShared,
  DraftStore,
  encodeState,
  readLinkFromLocation,
  shareUrl,
  summarizeResult,
  writeLinkToHistory,
  type HistoryLike,
  type PlaygroundState as SharedState,
  type StorageLike,
} from "../../share";
import type { Playground } from "../controller/playground";
import { sourceKey } from "../controller/compile";
import type { PlaygroundState } from "../state/types";
import { pagePatchFrom, sharedExampleId, toSharedState } from "./share-state";

export interface ShareEnvironment {
  location: Pick<Location, "hash" | "origin" | "pathname" | "search">;
  history: HistoryLike;
  storage: StorageLike;
  writeClipboard(text: string): Promise<void>;
}

export type ShareOutcome =
  { ok: true; url: string; chars: number; warning?: string } | { ok: false; message: string };

const AUTOSAVE_DELAY_MS = 400;

/** The fields that make up the work: a change to any of them is saved as the draft. */
function workOf(s: PlaygroundState): unknown[] {
  return [
    s.language,
    s.sources,
    s.binary?.bytes,
    s.limits,
    s.allowList,
    s.importPolicy,
    s.stubs,
    s.entry,
    s.args,
    s.io,
  ];
}

export function createShareController(playground: Playground, env: ShareEnvironment) {
  const { store } = playground;
  const drafts = new DraftStore(env.storage);
  let applying = false;

  const current = (): SharedState => toSharedState(store.get());

  async function apply(shared: SharedState): Promise<void> {
    applying = true;
    try {
      store.set((s) => pagePatchFrom(shared, s));
      if (shared.language === "wasm") {
        const loaded = await playground.loadBinary(shared.moduleName, shared.module);
        const exampleId = sharedExampleId(shared);
        if (loaded && exampleId) store.set({ exampleId });
      } else playground.setSource(shared.source, shared.language);
    } finally {
      applying = false;
    }
  }

  function offerRestore(): void {
    playground.notify("info", "Opened a shared link. Your previous draft is kept.", {
      label: "Restore previous draft",
      run: () => void restorePrevious(),
    });
  }

  async function openFromLocation(initial: boolean): Promise<void> {
    const link = await readLinkFromLocation(env.location);
    if (link.kind === "none") {
      if (!initial) return;
      const draft = drafts.load();
      if (draft.ok) await apply(draft.state);
      else if (draft.code !== "empty") playground.notify("warning", draft.message);
      return;
    }
    if (!link.ok) {
      // A bad link changes nothing: the draft (or the current work) stays as it was.
      if (initial) {
        const draft = drafts.load();
        if (draft.ok) await apply(draft.state);
      }
      playground.notify(
        "error",
        `This link cannot be opened: ${link.message} Your work is unchanged.`,
      );
      clearLinkFromHistory(env.history, env.location);
      return;
    }
    const before = initial
      ? (drafts.load() as { ok: boolean; state?: SharedState })
      : { ok: true, state: current() };
    const adopted = drafts.adoptSharedState(
      before.ok && before.state ? before.state : null,
      link.state,
    );
    await apply(link.state);
    if (adopted.keptPrevious) offerRestore();
    else playground.notify("info", "Opened a shared link. Press Run to run it.");
  }

  async function restorePrevious(): Promise<void> {
    const restored = drafts.restorePreviousDraft(current());
    if (!restored.ok) {
      playground.notify(
        "warning",
        restored.code === "empty" ? "There is no previous draft." : restored.message,
      );
      return;
    }
    await apply(restored.state);
    clearLinkFromHistory(env.history, env.location);
    playground.notify("info", "Restored your previous draft.");
  }

  async function share(): Promise<ShareOutcome> {
    const s = store.get();
    const last = s.result;
    const summary =
      last && last.moduleKey === sourceKey(s) ? await summarizeResult(last.result) : undefined;
    const encoded = await encodeState(toSharedState(s, summary));
    if (!encoded.ok) {
      playground.notify("error", encoded.message);
      return { ok: false, message: encoded.message };
    }
    writeLinkToHistory(env.history, encoded.hash, { push: true });
    const url = shareUrl(env.location, encoded.hash);
    let copied = true;
    try {
      await env.writeClipboard(url);
    } catch {
      copied = false;
    }
    const size = `${encoded.bytes.toLocaleString("en-US")} characters`;
    const where = copied
      ? "copied to the clipboard and put in the address bar"
      : "put in the address bar (copy it from there)";
    playground.notify(
      encoded.warning ? "warning" : "info",
      `Link (${size}) ${where}.${encoded.warning ? ` ${encoded.warning}` : ""}`,
    );
    return {
      ok: true,
      url,
      chars: encoded.bytes,
      ...(encoded.warning ? { warning: encoded.warning } : {}),
    };
  }

  function startAutosave(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastWork = workOf(store.get());
    let lastResult = store.get().result;
    const unsubscribe = store.subscribe(() => {
      const s = store.get();
      const work = workOf(s);
      if (!applying && work.some((w, i) => w !== lastWork[i])) {
        lastWork = work;
        clearTimeout(timer);
        timer = setTimeout(() => {
          const saved = drafts.save(current());
          if (!saved.ok && saved.code === "quota_exceeded")
            playground.notify("warning", saved.message);
        }, AUTOSAVE_DELAY_MS);
      }
      if (s.result !== lastResult) {
        lastResult = s.result;
        void checkAgainstShared();
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }

  async function checkAgainstShared(): Promise<void> {
    const s = store.get();
    if (!s.sharedResult || !s.result) return;
    const runId = s.result.id;
    const cmp = await compareWithShared(s.sharedResult.summary, s.result.result);
    store.set((st) =>
      st.sharedResult
        ? {
            sharedResult: {
              ...st.sharedResult,
              verdict: { runId, sameFuel: cmp.sameFuel, same: cmp.same },
            },
          }
        : {},
    );
  }

  return {
    init: () => openFromLocation(true),
    onPopState: () => openFromLocation(false),
    share,
    restorePrevious,
    startAutosave,
    hasPrevious: () => drafts.loadPrevious().ok,
  };
}

export type ShareController = ReturnType<typeof createShareController>;
