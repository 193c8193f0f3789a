// What one playground keeps between its actions besides its state, made by createPlayground:
// two playgrounds in one realm (two embeds, two tests) share none of it. The workers and the code
// loaded on first use (engine.ts, ruby/runtime.ts) are shared by all: they hold no page's work.
import type { CompiledModule } from "../state/types";
import type { OptimizeLevel } from "../../sandbox/toolchain/optimize";
import type { SandboxSlot } from "../engine/engine";
import type { PlaygroundStore } from "./context";
import type { CompileResult } from "./compile";
import type { ModuleForRun } from "./optimize";

export interface Page {
  readonly store: PlaygroundStore;
  /** Compiles under way by source key: a second ask for the same source waits for the first. */
  readonly compiles: Map<string, Promise<CompileResult>>;
  /** Aborts the run under way (Stop, or a run started over it). */
  runAbort: AbortController | null;
  /** The compiler's progress step last written to the console: one line per step. */
  clangStep: string;
  /** binaryen's last optimisation: runs and views of one module at one level optimise once. */
  optimized: {
    module: CompiledModule;
    level: OptimizeLevel;
    outcome: Promise<ModuleForRun>;
  } | null;
  /** The sandbox runs go to, kept while the limits are unchanged (a warm runner). */
  readonly sandbox: SandboxSlot;
}

export function createPage(store: PlaygroundStore): Page {
  return {
    store,
    compiles: new Map(),
    runAbort: null,
    clangStep: "",
    optimized: null,
    sandbox: { current: null },
  };
}
