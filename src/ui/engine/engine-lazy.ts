// The lazily loaded half of the adapter: it pulls in the engine's library code (the workers
// themselves are separate chunks). Sandboxes are kept per config, so consecutive runs reuse a
// warm runner.
import { WasmSandbox, sharedToolchain, type WasmSandboxConfig } from "../../sandbox";
import { browserRuntime } from "../../sandbox/sandbox";
import { resolveConfig } from "../../sandbox/config";
import { instrumentLimitsFor } from "../../sandbox/instrument-limits";
import type { InstrumentOutcome } from "../../sandbox/instrument/abi";
import { DisassemblyHost } from "../../sandbox/disassembly/host";
import { spawnDisassemblyWorker } from "../../sandbox/runtime/spawn-workers";

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

let cached: { key: string; sandbox: WasmSandbox } | null = null;

function keyOf(config: WasmSandboxConfig): string {
  return JSON.stringify(config, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/** A sandbox for this config: the last one when the config is unchanged. Throws SandboxConfigError. */
export function sandboxFor(config: WasmSandboxConfig): WasmSandbox {
  const key = keyOf(config);
  if (cached?.key === key) return cached.sandbox;
  const sandbox = new WasmSandbox(config, browserRuntime);
  void cached?.sandbox.close();
  cached = { key, sandbox };
  return sandbox;
}
