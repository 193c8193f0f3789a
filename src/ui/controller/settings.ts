// Page state → the engine's config for one run.
import type { WasmSandboxConfig } from "../../sandbox/config";
import { isImportListEntry } from "../engine/contracts";
import type { RunSettings } from "../engine/engine";
import { engineBindings, importKey, isAllowed } from "../imports/bindings";
import type { PageLimits, PlaygroundState } from "../state/types";

export { importKey, isAllowed };

export function configFromLimits(limits: PageLimits): WasmSandboxConfig {
  return {
    maxMemoryBytes: Math.round(limits.memoryMiB * 1024 * 1024),
    timeoutMs: limits.timeoutMs,
    ...(limits.fuel === null ? {} : { maxFuel: limits.fuel }),
    maxOutputBytes: limits.outputKiB * 1024,
  };
}

export function runSettings(s: PlaygroundState): RunSettings {
  const imports = s.compiled?.info?.imports ?? [];
  // Names an allow-list cannot hold (spaces) get a "host" binding instead (engineBindings).
  const allowed = new Set<string>();
  for (const i of imports) {
    if (isAllowed(s, i) && isImportListEntry(importKey(i))) allowed.add(importKey(i));
  }
  return {
    config: {
      ...configFromLimits(s.limits),
      allowedImports: [...allowed],
      ...(s.io.deterministic ? {} : { deterministic: false }),
    },
    bindings: engineBindings(s, imports, isImportListEntry),
  };
}
