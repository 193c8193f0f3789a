// Source → module: compile in the toolchain worker (the reply describes the module too), keep the
// export picker in step. Results of a superseded compile (the person typed on) are dropped.
import * as engine from "../engine/engine";
import type { CompiledModule, PlaygroundState } from "../state/types";
import type { ModuleInfo } from "../../sandbox/inspect/module-info";
import { log, type PlaygroundStore } from "./context";
import type { Page } from "./page";
import type { ClangProgressMessage } from "../../sandbox/toolchain/clang/clang-api";
import { isRuby, rubyModule, rubyRuntimeKey } from "./ruby";
import { isClangLanguage } from "../state/languages";
import { describeDownload } from "../../sandbox/download/progress";

export type CompileResult =
  { ok: true; module: CompiledModule } | { ok: false; message: string; stale?: boolean };

/** What the program is: a run of the same key ran the same program. */
export function sourceKey(s: PlaygroundState): string {
  if (s.binary) return `binary:${s.binary.name}:${s.binary.bytes.length}`;
  if (isRuby(s)) return `ruby\u0000${rubyRuntimeKey(s)}\u0000${s.sources.ruby}`;
  const build = isClangLanguage(s.language) ? `\u0000${JSON.stringify(s.clangOptions)}` : "";
  return `${s.language}\u0000${s.sources[s.language]}${build}`;
}

export function functionExports(info: ModuleInfo | null) {
  return (info?.exports ?? []).flatMap((e) => (e.kind === "function" ? [e] : []));
}

/** main, else _start, else the only (first) exported function — as the engine picks. */
export function defaultEntry(info: ModuleInfo | null, current: string): string {
  const names = functionExports(info).map((e) => e.name);
  if (names.includes(current)) return current;
  return names.find((n) => n === "main") ?? names.find((n) => n === "_start") ?? names[0] ?? "";
}

/** The same stage at the same whole percent: the bar and the console need no update. */
function sameStep(a: ClangProgressMessage | null, b: ClangProgressMessage): boolean {
  if (a === null || a.stage !== b.stage) return false;
  if (a.stage !== "download" || b.stage !== "download") return true;
  const percent = (p: typeof a) => Math.floor((100 * p.loadedBytes) / p.totalBytes);
  return a.source === b.source && percent(a) === percent(b);
}

/**
 * The compiler's progress: the progress bar (store.clangProgress, at most once per percent) and
 * console lines (one per stage, the download every ~10 %).
 */
function reportClangProgress(page: Page, p: ClangProgressMessage): void {
  const { store } = page;
  if (!sameStep(store.get().clangProgress, p)) store.set({ clangProgress: p });
  const step =
    p.stage === "download"
      ? `download${p.source}${Math.floor((10 * p.loadedBytes) / p.totalBytes)}`
      : p.stage;
  if (step === page.clangStep) return;
  page.clangStep = step;
  log(store, "info", clangProgressText(p));
}

/** "Downloading the C/C++ compiler: 12.3 of 100.3 MiB", "Preparing the C/C++ compiler…", … */
export function clangProgressText(p: ClangProgressMessage): string {
  if (p.stage === "prepare") return "Preparing the C/C++ compiler…";
  if (p.stage === "compile") return "Compiling…";
  // The same line as every other download's (CRuby, the AssemblyScript compiler).
  return describeDownload("the C/C++ compiler", p);
}

async function compileFresh(page: Page, key: string): Promise<CompileResult> {
  const { store } = page;
  const s = store.get();
  const { language } = s;
  if (language === "ruby") throw new Error("Ruby is not compiled (loadRuby)");
  const source = s.sources[language];
  store.set({ phase: s.toolchainReady ? "compiling" : "loading" });
  const stopWatching =
    language === "assemblyscript" ? watchCompilerDownload(store) : () => undefined;
  const outcome = await engine
    .compile(language, source, s.clangOptions, (progress) => reportClangProgress(page, progress))
    .finally(() => {
      stopWatching();
      store.set({ clangProgress: null });
    });
  store.set({ toolchainReady: true });
  // The person typed on, switched language or opened a binary meanwhile: drop this result.
  if (sourceKey(store.get()) !== key) return { ok: false, message: "superseded", stale: true };
  if (!outcome.ok) {
    const previous = store.get().compileError;
    store.set({ diagnostics: outcome.diagnostics, compileError: outcome.message });
    if (previous !== outcome.message) log(store, "error", `compile_error: ${outcome.message}`);
    return { ok: false, message: outcome.message };
  }
  const { info } = outcome;
  const module: CompiledModule = {
    key,
    bytes: outcome.bytes,
    info,
    compileMs: outcome.compileMs,
    ...(outcome.functionLines ? { functionLines: outcome.functionLines } : {}),
  };
  store.set((st) => ({
    compiled: module,
    diagnostics: outcome.diagnostics,
    compileError: null,
    entry: defaultEntry(info, st.entry),
  }));
  return { ok: true, module };
}

/** Shows the AssemblyScript compiler's first download (13.6 MB) while the compile waits for it. */
function watchCompilerDownload(store: PlaygroundStore): () => void {
  const stop = engine.onCompilerDownload((p) => {
    const done = p.totalBytes !== undefined && p.loadedBytes >= p.totalBytes;
    store.set(
      done
        ? { phase: "compiling", phaseDetail: null }
        : { phase: "loading", phaseDetail: describeDownload("the AssemblyScript compiler", p) },
    );
  });
  return () => {
    stop();
    store.set({ phaseDetail: null });
  };
}

/** CRuby for a Ruby script: one module whatever the script, loaded once. */
async function loadRuby(store: PlaygroundStore, key: string): Promise<CompileResult> {
  const loaded = await rubyModule(store);
  if (!loaded.ok) return loaded;
  if (rubyRuntimeKey(store.get()) !== key) return { ok: false, message: "superseded", stale: true };
  store.set({ compiled: loaded.module, diagnostics: [], compileError: null });
  return loaded;
}

/** The module for the current source, compiled once per distinct source. */
export function ensureCompiled(page: Page): Promise<CompileResult> {
  const { store, compiles } = page;
  const s = store.get();
  const ruby = isRuby(s);
  const key = ruby ? rubyRuntimeKey(s) : sourceKey(s);
  if (s.compiled && s.compiled.key === key)
    return Promise.resolve({ ok: true, module: s.compiled });
  if (s.binary) return Promise.resolve({ ok: false, message: "The file is still being read." });
  const pending = compiles.get(key);
  if (pending) return pending;
  const compiling = ruby ? loadRuby(store, key) : compileFresh(page, key);
  const started = compiling.finally(() => {
    compiles.delete(key);
    if (compiles.size === 0 && !store.get().running) store.set({ phase: "idle" });
  });
  compiles.set(key, started);
  return started;
}
