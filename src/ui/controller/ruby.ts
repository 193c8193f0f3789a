// Ruby in the page: the program is a script, the module is CRuby (the bundled one, fetched on
// the first run, or one the person dropped), run through the engine's "ruby-wasm" driver.
import type * as engine from "../engine/engine";
import { RUBY_OPTIONS } from "../state/defaults";
import type { CompiledModule, PlaygroundState, RubyRuntime } from "../state/types";
import { LANGUAGE_BUILD, limitsAfterSwitch } from "../state/languages";
import { describeDownload } from "../../sandbox/download/progress";
import { formatBytes } from "../../sandbox/bytes";
import { log, notify, type PlaygroundStore } from "./context";

export type RubyModuleResult =
  { ok: true; module: CompiledModule } | { ok: false; message: string };

/** Whether the editor's program is Ruby (a binary on show is not). */
export function isRuby(s: Pick<PlaygroundState, "language" | "binary">): boolean {
  return s.binary === null && LANGUAGE_BUILD[s.language] === "script";
}

/** Which CRuby runs the script: the key its module is kept under. */
export function rubyRuntimeKey(s: Pick<PlaygroundState, "rubyRuntime">): string {
  const dropped = s.rubyRuntime;
  return dropped ? `ruby-runtime:${dropped.name}:${dropped.bytes.length}` : "ruby-runtime:bundled";
}

/** The CRuby module to run: the dropped one, or the bundled one (downloaded on first use). */
export async function rubyModule(store: PlaygroundStore): Promise<RubyModuleResult> {
  const s = store.get();
  const key = rubyRuntimeKey(s);
  if (s.rubyRuntime) {
    return { ok: true, module: { key, bytes: s.rubyRuntime.bytes, info: null, compileMs: 0 } };
  }
  const started = performance.now();
  try {
    const { loadBundledRuby } = await import("../ruby/runtime");
    const bytes = await loadBundledRuby((progress) => {
      store.set({
        phase: "loading",
        phaseDetail: describeDownload("CRuby 3.4", progress, " (once; the browser keeps it)"),
      });
    });
    return { ok: true, module: { key, bytes, info: null, compileMs: performance.now() - started } };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `CRuby could not be loaded (${why}); try Run again.` };
  } finally {
    store.set({ phaseDetail: null });
  }
}

/** What a Ruby run gives the engine besides the limits: the driver, the script, CRuby's options. */
export function rubyRunOptions(
  s: Pick<PlaygroundState, "sources" | "io">,
): Pick<engine.RunOptions, "driver" | "script" | "argv" | "programName"> {
  return {
    driver: "ruby-wasm",
    script: s.sources.ruby,
    argv: [...RUBY_OPTIONS, ...s.io.argv],
    programName: "ruby",
  };
}

/** Words for each stage of a Ruby run, so a 30 MB module's seconds are explained. */
export function rubyPhaseDetail(phase: "instrumenting" | "running", moduleBytes: number): string {
  return phase === "instrumenting"
    ? `Instrumenting CRuby (${formatBytes(moduleBytes)}; kept for the next run)…`
    : "Compiling CRuby in the sandbox worker and running the script…";
}

/** A dropped module recognised as CRuby: offered as the runtime for Ruby, not as 50 exports. */
export function offerRubyRuntime(store: PlaygroundStore, runtime: RubyRuntime): void {
  log(
    store,
    "info",
    `${runtime.name} (${formatBytes(runtime.bytes.length)}) is CRuby, a ruby.wasm reactor: it runs Ruby scripts, not an export.`,
  );
  notify(store, "info", `${runtime.name} is CRuby: run Ruby with it.`, {
    label: "Run Ruby with it",
    run: () => switchToRubyRuntime(store, runtime),
  });
}

function switchToRubyRuntime(store: PlaygroundStore, runtime: RubyRuntime): void {
  store.set((s) => ({
    rubyRuntime: runtime,
    language: "ruby",
    binary: null,
    exampleId: null,
    compiled: null,
    diagnostics: [],
    compileError: null,
    limits: limitsAfterSwitch(s.limits, s.language, "ruby"),
  }));
  log(store, "info", `Ruby now runs on ${runtime.name}; the editor's script runs on it.`);
}
