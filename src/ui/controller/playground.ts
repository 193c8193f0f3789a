// The playground's actions, framework-free: the React components and the embedding API
// (window.playground) are both clients of this object.
import { createStore } from "../state/store";
import { initialState } from "../state/defaults";
import type {
  GuestIo,
  Language,
  Notice,
  PageLimits,
  PanelTab,
  PlaygroundState,
} from "../state/types";
import type { ExecutionResult } from "../../sandbox/types";
import { ensureCompiled } from "./compile";
import { createPage } from "./page";
import { moduleForRun, type ModuleForRun } from "./optimize";
import { clearConsole, dismiss, log, notify, type PlaygroundStore } from "./context";
import { loadBinary, openFile } from "./files";
import { loadExample } from "./examples";
import { run, stop, type RunRequest } from "./run";
import { addDroppedFiles, putGuestFile, removeGuestFile } from "./guest-file-actions";
import { importKey } from "./settings";
import { bindAsNoop, setBinding, updateBinding } from "./binding-actions";
import type { ImportInfo } from "../../sandbox/inspect/module-info";
import type { BindingChoice } from "../imports/bindings";
import { createLimitGate, type LimitChoice } from "./limit-gate";
import type { CompiledModule, LimitReview } from "../state/types";
import {
  ClangBuildOptionsSchema,
  refusedFlag,
  type ClangBuildOptions,
} from "../../sandbox/toolchain/clang/options";
import {
  OPTIMIZE_LEVELS,
  OptimizeLevelSchema,
  type OptimizeLevel,
} from "../../sandbox/toolchain/optimize";
import { isRuby } from "./ruby";
import { defaultLimitsOf, isClangLanguage, limitsAfterSwitch } from "../state/languages";
import { revealFunction } from "./reveal";

const AUTO_COMPILE_DELAY_MS = 700;

export interface Playground {
  store: PlaygroundStore;
  setSource(text: string, language?: Language): void;
  setLanguage(language: Language): void;
  closeBinary(): void;
  openFile(file: File): Promise<boolean>;
  loadBinary(name: string, bytes: Uint8Array): Promise<boolean>;
  loadExample(id: string): Promise<boolean>;
  /** The person's Compile: compiles now, and lets later edits compile on their own again. */
  compileNow(): Promise<void>;
  /** Code from outside arrived (a link, a saved draft): nothing compiles until Compile or Run. */
  holdCompile(): void;
  /**
   * Runs; after a link set limits above the page's defaults, the first run waits for the
   * person's answer to "Run with these limits" / "Use default limits" (decideLimits).
   */
  run(request?: RunRequest): Promise<ExecutionResult>;
  decideLimits(choice: LimitChoice): void;
  /** A link, a file or a draft opened from one set the limits (null: the person's own work). */
  reviewLimits(from: LimitReview["from"] | null): void;
  stop(): void;
  /** The bytes a run of this module would run: as built, or binaryen's output at the level. */
  moduleForRun(module: CompiledModule, level: OptimizeLevel): Promise<ModuleForRun>;
  setLimits(limits: Partial<PageLimits>): void;
  resetLimits(): void;
  setImportAllowed(module: string, name: string, allowed: boolean): void;
  setStub(module: string, name: string, stub: boolean): void;
  /** Binds one import: deny, host, trap (stub), no-op, constant or WAT function. */
  setBinding(i: ImportInfo, choice: BindingChoice): void;
  /** Edits a constant binding's value or a WAT binding's source or export. */
  updateBinding(
    i: Pick<ImportInfo, "module" | "name">,
    patch: { value?: string; source?: string; export?: string },
  ): void;
  bindAsNoop(imports: readonly ImportInfo[]): void;
  setEntry(entry: string): void;
  setArg(entry: string, index: number, text: string): void;
  setCompareUnmetered(on: boolean): void;
  /** With binaryen on, also run the module without it (size, fuel and time side by side). */
  setCompareOptimize(on: boolean): void;
  setProfileRuns(on: boolean): void;
  /** Shows a profiled function of the shown run in the editor; returns why not when it cannot. */
  revealFunction(index: number): string | null;
  /** C and C++ build options; refused (with the reason) when a flag is not allowed. */
  setClangOptions(options: Partial<ClangBuildOptions>): string | null;
  /** binaryen's optimizer before every run ("none": off). */
  setOptimize(level: OptimizeLevel): string | null;
  setIo(io: Partial<GuestIo>): void;
  /** Puts a file in the guest's file system; returns its normalised path, or null if refused. */
  putFile(path: string, content: string | Uint8Array): string | null;
  removeFile(path: string): void;
  addDroppedFiles(files: readonly File[]): Promise<number>;
  setTab(tab: PanelTab): void;
  clearConsole(): void;
  clearHistory(): void;
  notify(tone: Notice["tone"], text: string, action?: Notice["action"]): void;
  dismissNotice(id: number): void;
}

export function createPlayground(initial: PlaygroundState = initialState()): Playground {
  const store = createStore(initial);
  // This page's compiles, run, optimised module and sandbox: nothing shared with another page.
  const page = createPage(store);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gate = createLimitGate(store, (request) => {
    clearTimeout(timer);
    store.set({ compileHeld: false });
    return run(page, request);
  });

  /**
   * C and C++ compile as the person types only once they have asked for a compile or a run in
   * this page: the compiler is a ~105 MB download, which choosing C or typing must not start.
   */
  let clangAsked = false;
  const noteClangAsked = () => {
    if (isClangLanguage(store.get().language)) clangAsked = true;
  };

  const scheduleCompile = () => {
    clearTimeout(timer);
    if (store.get().compileHeld) return;
    // Ruby is not compiled: CRuby (30 MB) is fetched when the person first runs a script.
    if (isRuby(store.get())) return;
    if (isClangLanguage(store.get().language) && !clangAsked) return;
    timer = setTimeout(() => void ensureCompiled(page), AUTO_COMPILE_DELAY_MS);
  };

  return {
    store,
    setSource(text, language) {
      store.set((s) => {
        const lang = language ?? s.language;
        if (s.binary === null && lang === s.language && s.sources[lang] === text) return {};
        const other = lang !== s.language || s.binary !== null;
        return {
          language: lang,
          sources: { ...s.sources, [lang]: text },
          binary: null,
          ...(lang !== s.language ? { limits: limitsAfterSwitch(s.limits, s.language, lang) } : {}),
          // Another program: no stale exports or markers while it compiles.
          ...(other ? { compiled: null, diagnostics: [], compileError: null } : {}),
        };
      });
      scheduleCompile();
    },
    setLanguage(language) {
      if (language !== store.get().language || store.get().binary) {
        store.set((s) => ({
          language,
          binary: null,
          exampleId: null,
          compiled: null,
          diagnostics: [],
          limits: limitsAfterSwitch(s.limits, s.language, language),
        }));
      }
      scheduleCompile();
    },
    closeBinary() {
      store.set({ binary: null });
      scheduleCompile();
    },
    // A source file is code from outside: shown, never compiled until the person asks.
    openFile: (file) =>
      openFile(store, file).then((ok) => {
        if (ok && store.get().binary === null) {
          clearTimeout(timer);
          store.set({ compileHeld: true });
        }
        return ok;
      }),
    loadBinary: (name, bytes) => loadBinary(store, name, bytes),
    // The catalogue's own examples are trusted: choosing one is the click.
    loadExample: (id) =>
      loadExample(store, id).then((ok) => {
        if (ok) {
          store.set({ compileHeld: false });
          noteClangAsked(); // choosing a C example is asking for it
          scheduleCompile();
        }
        return ok;
      }),
    compileNow: () => {
      clearTimeout(timer);
      noteClangAsked();
      store.set({ compileHeld: false });
      return ensureCompiled(page).then(() => undefined);
    },
    holdCompile() {
      clearTimeout(timer);
      store.set({ compileHeld: true });
    },
    run: (request) => {
      noteClangAsked();
      return gate.run(request);
    },
    decideLimits: (choice) => gate.decide(choice),
    reviewLimits: (from) => gate.review(from),
    stop: () => stop(page),
    moduleForRun: (module, level) => moduleForRun(page, module, level),
    setLimits(limits) {
      store.set((s) => ({ limits: { ...s.limits, ...limits } }));
    },
    resetLimits() {
      store.set((s) => ({ limits: defaultLimitsOf(s) }));
    },
    setImportAllowed(module, name, allowed) {
      const key = importKey({ module, name });
      store.set((s) => ({
        importPolicy: { ...s.importPolicy, [key]: allowed },
        stubs: allowed ? s.stubs.filter((k) => k !== key) : s.stubs,
        bindings: s.bindings.filter((b) => b.module !== module || b.name !== name),
      }));
    },
    setStub(module, name, stub) {
      const key = importKey({ module, name });
      store.set((s) => ({
        stubs: stub ? [...new Set([...s.stubs, key])] : s.stubs.filter((k) => k !== key),
        bindings: stub
          ? s.bindings.filter((b) => b.module !== module || b.name !== name)
          : s.bindings,
      }));
    },
    setBinding: (i, choice) => setBinding(store, i, choice),
    updateBinding: (i, patch) => updateBinding(store, i, patch),
    bindAsNoop: (imports) => bindAsNoop(store, imports),
    setEntry: (entry) => store.set({ entry }),
    setArg(entry, index, text) {
      store.set((s) => {
        const args = [...(s.args.get(entry) ?? [])];
        args[index] = text;
        return { args: new Map(s.args).set(entry, args) };
      });
    },
    setCompareUnmetered: (on) => store.set({ compareUnmetered: on }),
    setCompareOptimize: (on) => store.set({ compareOptimize: on }),
    setProfileRuns: (on) => store.set({ profileRuns: on }),
    revealFunction: (index) => revealFunction(store, index),
    setOptimize(level) {
      const parsed = OptimizeLevelSchema.safeParse(level);
      if (!parsed.success) return `optimize must be one of ${OPTIMIZE_LEVELS.join(", ")}`;
      store.set({ optimize: parsed.data });
      return null;
    },
    setClangOptions(options) {
      const refused = options.flags ? refusedFlag(options.flags) : null;
      if (refused) return refused;
      const parsed = ClangBuildOptionsSchema.safeParse({ ...store.get().clangOptions, ...options });
      if (!parsed.success) return parsed.error.issues[0]?.message ?? "invalid build options";
      store.set({ clangOptions: parsed.data });
      scheduleCompile();
      return null;
    },
    setIo: (io) => store.set((s) => ({ io: { ...s.io, ...io } })),
    putFile: (path, content) => putGuestFile(store, path, content),
    removeFile: (path) => removeGuestFile(store, path),
    addDroppedFiles: (files) => addDroppedFiles(store, files),
    setTab: (tab) => store.set({ tab }),
    clearConsole: () => clearConsole(store),
    clearHistory: () => store.set({ history: [] }),
    notify: (tone, text, action) => notify(store, tone, text, action),
    dismissNotice: (id) => dismiss(store, id),
  };
}

export { log };
