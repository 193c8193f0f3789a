// The one place a sandbox's config becomes the instrumentation's limits: used by every run, and
// by the page's view of the instrumented module, so the view shows what a run would run.
import type { ResolvedConfig } from "./config";
import type { InstrumentLimits } from "./instrument/abi";

export function instrumentLimitsFor(config: ResolvedConfig, metered: boolean): InstrumentLimits {
  return {
    maxFuel: config.maxFuel,
    maxMemoryBytes: config.maxMemoryBytes,
    maxTableElements: config.maxTableElements,
    maxGcAllocationBytes: config.maxGcAllocationBytes,
    maxStackBytes: config.maxStackBytes,
    meter: metered,
    // The runner calls the start function itself: metered, with the memory reachable.
    deferStart: true,
    // Fast loops; a run that ends in a trap is recounted exactly (WasmSandbox.recount). Only where
    // a re-run repeats the run: with real clocks and randomness it would not.
    lazyCounter: metered && config.deterministic,
  };
}
