// The ONE place the page touches the engine (src/sandbox). Everything else in src/ui talks to
// this adapter, so a change in the engine's API is fixed here and nowhere else.
//
// The engine is loaded lazily (dynamic import): the page paints, and a .wasm can be dropped,
// before binaryen and the compilers are fetched. Nothing here runs guest code or a compiler on
// the main thread: compile/inspect/instrument go to the toolchain worker, runs to runner workers.
import type { CompileOutcome, InspectOutcome, ToolchainApi } from "../../sandbox/toolchain/api";
import type { ImportBinding } from "../../sandbox/bindings";
import type { WasmSandboxConfig } from "../../sandbox/config";
import type { ExecuteOptions, ExecutionResult } from "../../sandbox/types";
import type { RunStage, WasmSandbox } from "../../sandbox/sandbox";
import { failedResult } from "../../sandbox/failed-result";
import type { DisassemblyHost } from "../../sandbox/disassembly/host";
import type { Language } from "../state/types";
import { isClangLanguage } from "../state/languages";
import type { ClangBuildOptions } from "../../sandbox/toolchain/clang/options";
import type { OptimizeLevel, OptimizeOutcome } from "../../sandbox/toolchain/optimize";
import type { ClangProgressListener } from "../../sandbox/toolchain/clang/clang-api";

export interface RunSettings {
  config: WasmSandboxConfig;
  /** How imports are bound beyond the allow-list (ExecuteOptions.importBindings). */
  bindings: ImportBinding[];
}

/** The page's words for a run's stages: the runner's compiling and instantiating count as running. */
export type RunPhase = "instrumenting" | "running";

export interface RunOptions extends Omit<ExecuteOptions, "unmetered"> {
  unmetered?: boolean;
  onPhase?: (phase: RunPhase) => void;
}

type EngineModule = typeof import("./engine-lazy");

/**
 * A page's sandbox, kept while its config is unchanged so consecutive runs reuse a warm runner.
 * Each page has its own (controller/page.ts): a page changing its limits closes only its own.
 */
export interface SandboxSlot {
  current: { key: string; sandbox: WasmSandbox } | null;
}

/** Features of the engine the page can use; a false one is shown as unavailable, not faked. */
export const ENGINE_FEATURES = {
  /** Link a trapping stub for an import nobody provides (ExecuteOptions.stubImports). */
  stubImports: true,
};

let enginePromise: Promise<EngineModule> | null = null;
let toolchainPromise: Promise<ToolchainApi> | null = null;

function loadEngine(): Promise<EngineModule> {
  if (!enginePromise) {
    enginePromise = import("./engine-lazy");
    enginePromise.catch(() => (enginePromise = null));
  }
  return enginePromise;
}

function toolchain(): Promise<ToolchainApi> {
  if (!toolchainPromise) {
    toolchainPromise = loadEngine().then((engine) => engine.sharedToolchain());
    toolchainPromise.catch(() => (toolchainPromise = null));
  }
  return toolchainPromise;
}

/** Starts loading the engine and the toolchain worker in the background (idempotent). */
export function warmUp(): Promise<void> {
  return toolchain().then(() => undefined);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The engine's ToolchainHost bounds every call and replaces a crashed worker; here we only
 * turn a failure to load the engine into a message. */
async function guarded<T>(_what: string, call: (t: ToolchainApi) => Promise<T>): Promise<T> {
  return call(await toolchain());
}

/** The AssemblyScript compiler's first download, as the toolchain worker announces it. */
export { onCompilerDownload } from "../../sandbox/download/compiler-download";

/** Languages compiled to a module (Ruby is not: its module is CRuby, see controller/ruby.ts). */
export type CompiledLanguage = Exclude<Language, "ruby">;

export async function compile(
  language: CompiledLanguage,
  source: string,
  clangOptions: ClangBuildOptions,
  onClangProgress: ClangProgressListener = () => {},
): Promise<CompileOutcome> {
  try {
    if (isClangLanguage(language)) {
      // Its own worker, spawned on the first C or C++ compile (the compiler is ~105 MB).
      const clang = (await loadEngine()).sharedClang();
      return await clang.compile(source, language, clangOptions, onClangProgress);
    }
    return await guarded("the compile", (t) =>
      language === "wat" ? t.compileWat(source) : t.compileAssemblyScript(source),
    );
  } catch (error) {
    return { ok: false, diagnostics: [], message: `The compiler failed: ${message(error)}` };
  }
}

/** binaryen's optimizer, in the toolchain worker (binaryen loads on the first call). */
export async function optimize(bytes: Uint8Array, level: OptimizeLevel): Promise<OptimizeOutcome> {
  try {
    // Posted as is, like inspect's: the message copies it once and the worker reads its copy.
    return await guarded("binaryen", (t) => t.optimize(bytes, level));
  } catch (error) {
    return { ok: false, message: `binaryen failed: ${message(error)}` };
  }
}

export async function inspect(bytes: Uint8Array): Promise<InspectOutcome> {
  try {
    // Posted as is: the message copies it once (a slice first made two copies).
    return await guarded("the inspection", (t) => t.inspect(bytes));
  } catch (error) {
    return { ok: false, message: `Inspection failed: ${message(error)}` };
  }
}

/** The disassembly worker's handle (loads the engine on first use). */
export async function disassembler(): Promise<DisassemblyHost> {
  return (await loadEngine()).sharedDisassembler();
}

export type InstrumentedModule = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** The module as a metered run with these settings would run it. Never throws. */
export async function instrumentAsRun(
  bytes: Uint8Array,
  settings: RunSettings,
): Promise<InstrumentedModule> {
  try {
    const outcome = await (await loadEngine()).instrumentAsRun(bytes, settings.config);
    return outcome.ok
      ? { ok: true, bytes: outcome.bytes }
      : { ok: false, message: outcome.message };
  } catch (error) {
    return { ok: false, message: message(error) };
  }
}

/**
 * Runs one module in the page's sandbox (slot). Never throws: a refused config becomes
 * invalid_config and any other failure a crash result, so the page always has something to show.
 */
export async function execute(
  bytes: Uint8Array,
  settings: RunSettings,
  options: RunOptions,
  slot: SandboxSlot,
): Promise<ExecutionResult> {
  let engine: EngineModule;
  try {
    engine = await loadEngine();
  } catch (error) {
    return failedResult("crash", message(error), { metered: !options.unmetered });
  }
  const { onPhase, ...rest } = options;
  try {
    const sandbox = engine.sandboxFor(slot, settings.config);
    // No copy here: the engine only reads the input (the toolchain worker gets a structured
    // clone) and transfers the instrumented bytes it made itself. A copy of a 30 MB module on
    // the main thread, in the Run click's task, cost a long task per run.
    const bound = settings.bindings.length > 0 ? { importBindings: settings.bindings } : {};
    const phases = onPhase ? { onPhase: pagePhases(onPhase, !options.unmetered) } : {};
    return await sandbox.execute(bytes, { ...rest, ...bound, ...phases });
  } catch (error) {
    const invalid = error instanceof Error && error.name === "SandboxConfigError";
    return failedResult(invalid ? "invalid_config" : "crash", message(error), {
      metered: !options.unmetered,
    });
  }
}

/**
 * The sandbox's stages in the page's words, each told once. An unmetered run's pass through the
 * toolchain adds no fuel counting, so the page calls all of it running.
 */
function pagePhases(onPhase: (phase: RunPhase) => void, metered: boolean) {
  let told: RunPhase | null = null;
  return (stage: RunStage) => {
    const phase = metered && stage === "instrumenting" ? "instrumenting" : "running";
    if (phase !== told) onPhase(phase);
    told = phase;
  };
}
