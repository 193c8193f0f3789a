// Share links on the page: open from a link (never running it), share to the clipboard and
// the address bar, follow back/forward. Drafts (autosave, restore, files) are the draft
// controller's; a link opens as a new draft beside the person's own, never over it.
import {
  clearLinkFromHistory,
  compareWithShared,
  encodeState,
  readLinkFromLocation,
  shareUrl,
  summarizeResult,
  writeLinkToHistory,
  type HistoryLike,
} from "../../share";
import type { Playground } from "../controller/playground";
import { sourceKey } from "../controller/compile";
import type { DraftController } from "../drafts/draft-controller";
import { toSharedState } from "./share-state";
import { forLink, withExampleModule } from "./example-module";
import { fetchExampleBinary } from "../controller/examples";
import { groupDigits } from "../../sandbox/digits";

export interface ShareEnvironment {
  location: Pick<Location, "hash" | "origin" | "pathname" | "search">;
  history: HistoryLike;
  writeClipboard(text: string): Promise<void>;
}

export type ShareOutcome =
  { ok: true; url: string; chars: number; warning?: string } | { ok: false; message: string };

export function createShareController(
  playground: Playground,
  drafts: DraftController,
  env: ShareEnvironment,
) {
  const { store } = playground;

  async function openFromLocation(initial: boolean): Promise<void> {
    const link = await readLinkFromLocation(env.location);
    if (link.kind === "none") {
      if (initial) await drafts.restoreLatest();
      return;
    }
    if (!link.ok) {
      // A bad link changes nothing: the draft (or the current work) stays as it was.
      if (initial) await drafts.restoreLatest();
      playground.notify(
        "error",
        `This link cannot be opened: ${link.message} Your work is unchanged.`,
      );
      clearLinkFromHistory(env.history, env.location);
      return;
    }
    // A reload of a link this tab opened and then worked on: the work, not the link again.
    if (initial && (await drafts.resumeLink(link.hash))) return;
    const opened = await withExampleModule(link.state, fetchExampleBinary);
    if (!opened.ok) {
      if (initial) await drafts.restoreLatest();
      playground.notify(
        "error",
        `This link cannot be opened: ${opened.message} Your work is unchanged.`,
      );
      clearLinkFromHistory(env.history, env.location);
      return;
    }
    await drafts.adopt(opened.state, link.hash);
    const restore = drafts.previousAction();
    if (restore)
      playground.notify("info", "Opened a shared link. Your previous draft is kept.", restore);
    else playground.notify("info", "Opened a shared link. Press Run to run it.");
  }

  async function share(): Promise<ShareOutcome> {
    const s = store.get();
    const last = s.result;
    const summary =
      last && last.moduleKey === sourceKey(s) ? await summarizeResult(last.result) : undefined;
    const encoded = await encodeState(forLink(toSharedState(s, summary)));
    if (!encoded.ok) {
      if (encoded.code === "link_too_large") drafts.offerFile(encoded.message);
      else playground.notify("error", encoded.message);
      return { ok: false, message: encoded.message };
    }
    writeLinkToHistory(env.history, encoded.hash, { push: true });
    await drafts.rememberShared(encoded.hash);
    const url = shareUrl(env.location, encoded.hash);
    let copied = true;
    try {
      await env.writeClipboard(url);
    } catch {
      copied = false;
    }
    const size = `${groupDigits(encoded.bytes)} characters`;
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

  /** When a run ends on a page opened from a link that carried a result: same as shared? */
  function watchSharedResult(): () => void {
    let lastResult = store.get().result;
    return store.subscribe(() => {
      const s = store.get();
      if (s.result === lastResult) return;
      lastResult = s.result;
      void checkAgainstShared();
    });
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
    init: async () => {
      await drafts.open();
      await openFromLocation(true);
    },
    onPopState: () => openFromLocation(false),
    share,
    restorePrevious: () => drafts.restorePrevious(),
    startAutosave: () => {
      const stopDrafts = drafts.startAutosave();
      const stopResults = watchSharedResult();
      return () => {
        stopDrafts();
        stopResults();
      };
    },
    hasPrevious: () => drafts.hasPrevious(),
    drafts,
  };
}

export type ShareController = ReturnType<typeof createShareController>;
