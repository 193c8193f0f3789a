// binaryen's optimisation of a built module, for the page (controller/optimize.ts loads this
// module the first time a level other than "none" is used). It runs in the toolchain worker;
// the page keeps the result for its last module and level, so runs of one program optimise once.
import * as engine from "../engine/engine";
import type { CompiledModule, OptimizedModule } from "../state/types";
import type { OptimizeLevel } from "../../sandbox/toolchain/optimize";
import { log, type PlaygroundStore } from "./context";
import { groupDigits } from "../../sandbox/digits";
import type { ModuleForRun } from "./optimize";
import type { Page } from "./page";

type Level = Exclude<OptimizeLevel, "none">;

async function optimize(
  store: PlaygroundStore,
  module: CompiledModule,
  level: Level,
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

/** binaryen's optimisation of the module at the level, once per module and level. */
export function optimizedModule(
  page: Page,
  module: CompiledModule,
  level: Level,
): Promise<ModuleForRun> {
  const last = page.optimized;
  if (last && last.module === module && last.level === level) return last.outcome;
  const outcome = optimize(page.store, module, level);
  page.optimized = { module, level, outcome };
  // A failure is not kept: the next run tries again (the toolchain worker may have been replaced).
  void outcome.then((o) => {
    if (!o.ok && page.optimized?.outcome === outcome) page.optimized = null;
  });
  return outcome;
}
