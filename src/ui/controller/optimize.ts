// binaryen's optimizer between the built module and the run, for every kind of module (WAT,
// AssemblyScript, C, C++, an opened .wasm): the page's one place that applies the chosen level.
// It runs in the toolchain worker; the result for the last module and level is kept, so runs of
// the same program optimise once.
import * as engine from "../engine/engine";
import type { CompiledModule, OptimizedModule, PlaygroundState } from "../state/types";
import type { OptimizeLevel } from "../../sandbox/toolchain/optimize";
import { log, type PlaygroundStore } from "./context";
import { groupDigits } from "../../sandbox/digits";
import { isRuby } from "./ruby";

export type ModuleForRun =
  { ok: true; bytes: Uint8Array; optimized?: OptimizedModule } | { ok: false; message: string };

let last: { module: CompiledModule; level: OptimizeLevel; outcome: Promise<ModuleForRun> } | null =
  null;

async function optimize(
  store: PlaygroundStore,
  module: CompiledModule,
  level: Exclude<OptimizeLevel, "none">,
): Promise<ModuleForRun> {
  const outcome = await engine.optimize(module.bytes, level);
  if (!outcome.ok) return { ok: false, message: outcome.message };
  const optimized: OptimizedModule = {
    level,
    beforeBytes: module.bytes.length,
    afterBytes: outcome.bytes.length,
    optimizeMs: outcome.optimizeMs,
  };
  const n = (bytes: number) => groupDigits(bytes);
  log(
    store,
    "info",
    `binaryen -${level}: ${n(optimized.beforeBytes)} → ${n(optimized.afterBytes)} bytes in ${Math.round(optimized.optimizeMs)} ms`,
  );
  return { ok: true, bytes: outcome.bytes, optimized };
}

/** The bytes to run: the module as built, or binaryen's optimisation of it at the page's level. */
export function moduleForRun(
  store: PlaygroundStore,
  module: CompiledModule,
  level: OptimizeLevel,
): Promise<ModuleForRun> {
  if (level === "none") return Promise.resolve({ ok: true, bytes: module.bytes });
  if (last && last.module === module && last.level === level) return last.outcome;
  const outcome = optimize(store, module, level);
  last = { module, level, outcome };
  // A failure is not kept: the next run tries again (the toolchain worker may have been replaced).
  void outcome.then((o) => {
    if (!o.ok && last?.outcome === outcome) last = null;
  });
  return outcome;
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
