// The lazily loaded half of the adapter: it pulls in the engine's library code (the workers
// themselves are separate chunks). Sandboxes are kept per config, so consecutive runs reuse a
// warm runner; the phase listener lets the page tell instrumenting from running.
import {
  WasmSandbox,
  sharedToolchain,
  type SandboxRuntime,
  type WasmSandboxConfig,
} from "../../sandbox";
import { browserRuntime } from "../../sandbox/sandbox";
import { resolveConfig } from "../../sandbox/config";
import { instrumentLimitsFor } from "../../sandbox/instrument-limits";
import type { InstrumentOutcome } from "../../sandbox/instrument/abi";
import { DisassemblyHost } from "../../sandbox/disassembly/host";
import { spawnDisassemblyWorker } from "../../sandbox/runtime/spawn-workers";
import type { RunPhase } from "./engine";

export { sharedToolchain };
export { sharedClang } from "../../sandbox/runtime/shared-clang";

let disassembler: DisassemblyHost | undefined;

/** The page's one disassembly worker (created on first use). */
export function sharedDisassembler(): DisassemblyHost {
  disassembler ??= new DisassemblyHost(spawnDisassemblyWorker);
  return disassembler;
}

/** The module a metered run with this config would run (from the same cache). Throws SandboxConfigError. */
export function instrumentAsRun(
  bytes: Uint8Array,
  config: WasmSandboxConfig,
): Promise<InstrumentOutcome> {
  return sharedToolchain().instrument(bytes, instrumentLimitsFor(resolveConfig(config), true));
}

let phaseListener: ((phase: RunPhase) => void) | null = null;

export function setPhaseListener(listener: ((phase: RunPhase) => void) | null): void {
  phaseListener = listener;
}

const runtime: SandboxRuntime = {
  async instrument(bytes, limits) {
    if (limits.meter !== false) phaseListener?.("instrumenting");
    try {
      return await browserRuntime.instrument(bytes, limits);
    } finally {
      phaseListener?.("running");
    }
  },
  createRunnerPool: () => browserRuntime.createRunnerPool(),
  compileWat: (source) => browserRuntime.compileWat!(source),
};

let cached: { key: string; sandbox: WasmSandbox } | null = null;

function keyOf(config: WasmSandboxConfig): string {
  return JSON.stringify(config, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/** A sandbox for this config: the last one when the config is unchanged. Throws SandboxConfigError. */
export function sandboxFor(config: WasmSandboxConfig): WasmSandbox {
  const key = keyOf(config);
  if (cached?.key === key) return cached.sandbox;
  const sandbox = new WasmSandbox(config, runtime);
  void cached?.sandbox.close();
  cached = { key, sandbox };
  return sandbox;
}
