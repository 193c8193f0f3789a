// Page state → the engine's config for one run.
import type { WasmSandboxConfig } from "../../sandbox/config";
import { isImportListEntry } from "../engine/contracts";
import type { RunSettings } from "../engine/engine";
import { engineBindings, importKey, isAllowed } from "../imports/bindings";
import type { PageLimits, PlaygroundState } from "../state/types";
import { isRuby } from "./ruby";

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
  if (isRuby(s)) {
    // CRuby is not inspected: its WASI imports follow the allow-list; the driver links its
    // own plumbing (canonical_abi) and stubs the JS interop (rb-js-abi-host) itself.
    const allowList = s.allowList.filter((entry) => !(s.importPolicy[entry] === false));
    const config = { ...configFromLimits(s.limits), allowedImports: allowList };
    return {
      config: s.io.deterministic ? config : { ...config, deterministic: false },
      bindings: [],
    };
  }
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
