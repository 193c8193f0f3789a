// binaryen's optimizer between the built module and the run, for every kind of module (WAT,
// AssemblyScript, C, C++, an opened .wasm): the page's one place that applies the chosen level.
// The optimising half (binaryen-module.ts) is loaded the first time a level is used, so a page
// that leaves it off does not load it.
import type { OptimizedModule, CompiledModule, PlaygroundState } from "../state/types";
import type { OptimizeLevel } from "../../sandbox/toolchain/optimize";
import type { Page } from "./page";
import { isRuby } from "./ruby";

export type ModuleForRun =
  { ok: true; bytes: Uint8Array; optimized?: OptimizedModule } | { ok: false; message: string };

/** The bytes to run: the module as built, or binaryen's optimisation of it at the page's level. */
export async function moduleForRun(
  page: Page,
  module: CompiledModule,
  level: OptimizeLevel,
): Promise<ModuleForRun> {
  if (level === "none") return { ok: true, bytes: module.bytes };
  let optimizing: typeof import("./binaryen-module");
  try {
    optimizing = await import("./binaryen-module");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `binaryen's optimizer could not be loaded: ${reason}` };
  }
  return optimizing.optimizedModule(page, module, level);
}

/**
 * The level a run of the page's current program applies: the page's choice, except for Ruby
 * (CRuby is run as shipped). Runs and the module views both ask here, so they show what runs.
 */
export function levelThatRuns(
  s: Pick<PlaygroundState, "language" | "binary" | "optimize">,
): OptimizeLevel {
  return isRuby(s) ? "none" : s.optimize;
}
