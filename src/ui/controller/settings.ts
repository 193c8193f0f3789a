// Page state → the engine's config for one run.
import type { WasmSandboxConfig } from "../../sandbox/config";
import type { ImportInfo } from "../../sandbox/inspect/module-info";
import { isImportAllowed } from "../engine/contracts";
import type { RunSettings } from "../engine/engine";
import type { PageLimits, PlaygroundState } from "../state/types";

export function importKey(i: Pick<ImportInfo, "module" | "name">): string {
  return `${i.module}.${i.name}`;
}

export function isAllowed(
  s: Pick<PlaygroundState, "importPolicy" | "allowList">,
  i: Pick<ImportInfo, "module" | "name">,
): boolean {
  const key = importKey(i);
  // hasOwn: the key holds the guest's import names; a plain lookup could find Object.prototype's.
  if (Object.hasOwn(s.importPolicy, key)) return s.importPolicy[key];
  return isImportAllowed(s.allowList, i.module, i.name);
}

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
  const stubs = imports.map(importKey).filter((k) => s.stubs.includes(k));
  const allowed = new Set<string>();
  for (const i of imports)
    if (isAllowed(s, i) && !stubs.includes(importKey(i))) allowed.add(importKey(i));
  return {
    config: {
      ...configFromLimits(s.limits),
      allowedImports: [...allowed],
      ...(s.io.deterministic ? {} : { deterministic: false }),
    },
    stubs,
  };
}
