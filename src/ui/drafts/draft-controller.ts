// The page's drafts: the work is saved as the person edits (to the draft the page is on), a
// link or a playground file opens as a new draft beside the person's own, and any draft in the
// history can be restored. Everything heavy runs in the drafts worker (draft-client.ts).
// Also the API other parts of the page use to reach the drafts: list() and restore(id).
import {
  DraftStore,
  PLAYGROUND_FILE_EXTENSION,
  PLAYGROUND_FILE_TYPE,
  looksLikePlaygroundFile,
  type PlaygroundState as SharedState,
  type StorageLike,
} from "../../share";
import type { Playground } from "../controller/playground";
import type { PlaygroundState } from "../state/types";
import { pagePatchFrom, sharedExampleId, toSharedState } from "../share/share-state";
import { withExampleModule } from "../share/example-module";
import { fetchExampleBinary } from "../controller/examples";
import type { DraftClient, DraftOrigin, DraftSummary, LoadOutcome } from "./draft-client";
import { tabMemory } from "./tab-memory";

export interface DraftEnvironment {
  drafts: DraftClient;
  /** sessionStorage, or null when the browser refuses it. */
  session: StorageLike | null;
  /** localStorage, where earlier releases kept the draft; null when refused. */
  legacy: StorageLike | null;
  download(name: string, bytes: Uint8Array, type: string): void;
}

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
    s.bindings,
    s.entry, // ENTRY_INDEX
    s.args,
    s.io,
  ];
}

const ENTRY_INDEX = 7;

/** Another program than before (a module opened, an example loaded): a new draft starts. */
function otherProgram(before: PlaygroundState, after: PlaygroundState): boolean {
  return (
    (after.binary !== null && after.binary.bytes !== before.binary?.bytes) ||
    (after.exampleId !== null && after.exampleId !== before.exampleId)
  );
}

export function createDraftController(playground: Playground, env: DraftEnvironment) {
  const { store } = playground;
  const { drafts } = env;
  const tab = tabMemory(env.session);
  let currentId: string | null = null;
  /** The draft the last opened link or file replaced ("Restore previous draft"). */
  let replacedId: string | null = null;
  let applying = false;
  let lastWork = workOf(store.get());
  let lastState = store.get();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: PlaygroundState | null = null;
  /** The origin the pending save keeps: "own" once the person changed more than the entry. */
  let pendingOrigin: DraftOrigin = "own";
  let currentOrigin: DraftOrigin = "own";
  let saving: Promise<void> = Promise.resolve();
  let persistence: Promise<{ persistent: boolean; problem: string | null }> | null = null;

  function offerFile(message: string): void {
    playground.notify("warning", message, { label: "Save as file", run: () => void saveAsFile() });
  }

  /** Saves one state to the page's draft; saves run one after another, in order. */
  function save(state: PlaygroundState, origin: DraftOrigin = "own"): Promise<void> {
    saving = saving.then(async () => {
      try {
        const outcome = await drafts.save(currentId, origin, toSharedState(state));
        if (outcome.ok) {
          currentId = outcome.id;
          tab.write({ ...tab.read(), draftId: outcome.id });
        } else if (outcome.code === "quota_exceeded") offerFile(outcome.message);
        else playground.notify("warning", `The draft was not saved: ${outcome.message}`);
      } catch (error) {
        // One failed save must not stop the next ones.
        playground.notify("warning", `The draft was not saved: ${String(error)}`);
      }
    });
    return saving;
  }

  /** The pending autosave, now; resolves once every save asked for so far is stored. */
  function flush(): Promise<void> {
    clearTimeout(timer);
    if (pending) {
      const state = pending;
      pending = null;
      void save(state, pendingOrigin);
    }
    return saving;
  }

  /** Changes the page to a state; callers flush first and hold `applying` from there. */
  async function apply(shared: SharedState): Promise<void> {
    applying = true;
    playground.holdCompile(); // code from a link, a file or a draft compiles on the person's click only
    try {
      store.set((s) => pagePatchFrom(shared, s));
      if (shared.language === "wasm") {
        // Links and files come with their bytes (an example's are fetched before: example-module.ts).
        const loaded =
          shared.module !== undefined &&
          (await playground.loadBinary(shared.moduleName, shared.module));
        const exampleId = sharedExampleId(shared);
        if (loaded && exampleId) store.set({ exampleId });
      } else playground.setSource(shared.source, shared.language);
    } finally {
      lastWork = workOf(store.get());
      lastState = store.get();
    }
  }

  /** Flushes the page's pending save, then ignores the page's changes until `work` is done. */
  async function switching<T>(work: () => Promise<T>): Promise<T> {
    await flush();
    applying = true;
    clearTimeout(timer);
    pending = null;
    try {
      return await work();
    } finally {
      applying = false;
    }
  }

  async function applyLoaded(loaded: LoadOutcome & { ok: true }): Promise<void> {
    currentId = loaded.summary.id;
    currentOrigin = loaded.summary.origin;
    await apply(loaded.state);
    // A draft opened from a link and not edited since: its limits are still the link's.
    playground.reviewLimits(loaded.summary.origin === "link" ? "draft" : null);
  }

  /** Opens a shared state (a link or a file) as a new draft; the page's own draft stays. */
  function adopt(shared: SharedState, hash: string | null): Promise<void> {
    return switching(async () => {
      replacedId = currentId ?? (await drafts.list())[0]?.id ?? null;
      const saved = await drafts.save(null, "link", shared);
      currentId = saved.ok ? saved.id : null;
      currentOrigin = "link";
      tab.write({ draftId: currentId, hash });
      if (!saved.ok && saved.code === "quota_exceeded") offerFile(saved.message);
      await apply(shared);
      playground.reviewLimits(hash === null ? "file" : "link");
    });
  }

  function restore(id: string): Promise<boolean> {
    return switching(async () => {
      const before = currentId;
      const loaded = await drafts.load(id);
      if (!loaded.ok) {
        playground.notify("warning", `This draft cannot be restored: ${loaded.message}`);
        return false;
      }
      await applyLoaded(loaded);
      await drafts.touch(id);
      tab.write({ draftId: id, hash: null });
      if (before !== id) replacedId = before;
      return true;
    });
  }

  /** Drafts an earlier release kept in localStorage move to the drafts worker, once. */
  async function migrateLegacy(): Promise<void> {
    if (!env.legacy) return;
    const old = new DraftStore(env.legacy);
    const states = [old.loadPrevious(), old.load()].flatMap((d) => (d.ok ? [d.state] : []));
    if (states.length === 0) return;
    const kept = await drafts.importStates(states);
    if (kept === states.length) old.clear();
  }

  async function saveAsFile(): Promise<void> {
    const s = store.get();
    const file = await drafts.encodeFile(toSharedState(s));
    if (!file.ok) {
      playground.notify("error", file.message);
      return;
    }
    const base = (s.binary?.name ?? "playground").replace(/\.wasm$/i, "");
    env.download(`${base}${PLAYGROUND_FILE_EXTENSION}`, file.bytes, PLAYGROUND_FILE_TYPE);
    playground.notify(
      "info",
      `Saved ${base}${PLAYGROUND_FILE_EXTENSION}: drop it on the page to open it.`,
    );
  }

  /** A playground file opens as a new draft; anything else is the page's own business. */
  async function openFile(file: File, otherwise: (file: File) => Promise<boolean>) {
    const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
    if (!looksLikePlaygroundFile(head)) return otherwise(file);
    const read = await drafts.decodeFile(new Uint8Array(await file.arrayBuffer()));
    const opened = read.ok ? await withExampleModule(read.state, fetchExampleBinary) : read;
    if (!opened.ok) {
      playground.notify(
        "error",
        `${file.name} cannot be opened: ${opened.message} Your work is unchanged.`,
      );
      return false;
    }
    await adopt(opened.state, null);
    playground.notify("info", `Opened ${file.name}. Press Run to run it.`, previousAction());
    return true;
  }

  function previousAction() {
    return replacedId
      ? { label: "Restore previous draft", run: () => void restorePrevious() }
      : undefined;
  }

  async function restorePrevious(): Promise<void> {
    if (!replacedId) {
      playground.notify("warning", "There is no previous draft.");
      return;
    }
    if (await restore(replacedId)) playground.notify("info", "Restored your previous draft.");
  }

  function startAutosave(): () => void {
    lastWork = workOf(store.get());
    lastState = store.get();
    const unsubscribe = store.subscribe(() => {
      const s = store.get();
      const work = workOf(s);
      if (applying || !work.some((w, i) => w !== lastWork[i])) return;
      if (otherProgram(lastState, s)) {
        // Keep the previous program's draft as it was; the new one gets its own.
        void flush();
        saving = saving.then(() => {
          currentId = null;
        });
      }
      // Only the export picker following a compile: not an edit, the draft keeps its origin.
      const edited = work.some((w, i) => i !== ENTRY_INDEX && w !== lastWork[i]);
      if (edited) currentOrigin = "own";
      pendingOrigin = currentOrigin;
      lastWork = work;
      lastState = s;
      pending = s;
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    });
    const onHide = () => void flush();
    window.addEventListener("pagehide", onHide);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener("pagehide", onHide);
    };
  }

  return {
    /** Opens storage (and says when drafts cannot be kept), moving old drafts over. */
    async open(): Promise<void> {
      persistence ??= drafts.open();
      const { persistent, problem } = await persistence;
      if (!persistent)
        playground.notify(
          "warning",
          `Drafts are kept only while this page is open: the browser refuses storage here${problem ? ` (${problem})` : ""}. Save your work as a file to keep it.`,
        );
      else await migrateLegacy().catch(() => undefined);
    },
    /** Reload or bare address: the draft this tab was on, else the latest one. */
    async restoreLatest(): Promise<void> {
      const { draftId } = tab.read();
      const mine = draftId ? await drafts.load(draftId) : null;
      const loaded = mine?.ok ? mine : await drafts.latest();
      if (loaded.ok) await switching(() => applyLoaded(loaded));
      else if (loaded.code !== "empty") playground.notify("warning", loaded.message);
    },
    /** This tab already opened (or shared) this link and kept working: its draft, not the link. */
    async resumeLink(hash: string): Promise<boolean> {
      const memory = tab.read();
      if (memory.hash !== hash || !memory.draftId) return false;
      const loaded = await drafts.load(memory.draftId);
      if (!loaded.ok) return false;
      await switching(() => applyLoaded(loaded));
      return true;
    },
    adopt,
    /** After Share: the link in the address bar is this draft (a reload keeps later edits). */
    async rememberShared(hash: string): Promise<void> {
      if (!currentId) await save(store.get());
      else await flush();
      tab.write({ draftId: currentId, hash });
    },
    hasPrevious: () => replacedId !== null,
    previousAction,
    restorePrevious,
    restore,
    list: (): Promise<DraftSummary[]> => drafts.list(),
    currentId: () => currentId,
    flush,
    saveAsFile,
    openFile,
    offerFile,
    startAutosave,
  };
}

export type DraftController = ReturnType<typeof createDraftController>;
