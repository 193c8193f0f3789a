// The lazily loaded half of the adapter: it pulls in the engine's library code (the workers
// themselves are separate chunks). Each page keeps its sandbox in its own slot (engine.ts), so
// consecutive runs reuse a warm runner.
import { WasmSandbox, sharedToolchain, type WasmSandboxConfig } from "../../sandbox";
import { browserRuntime } from "../../sandbox/sandbox";
import { resolveConfig } from "../../sandbox/config";
import { instrumentLimitsFor } from "../../sandbox/instrument-limits";
import type { InstrumentOutcome } from "../../sandbox/instrument/abi";
import { DisassemblyHost } from "../../sandbox/disassembly/host";
import { spawnDisassemblyWorker } from "../../sandbox/runtime/spawn-workers";
import type { SandboxSlot } from "./engine";

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

function keyOf(config: WasmSandboxConfig): string {
  return JSON.stringify(config, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/** A sandbox for this config: the slot's one when the config is unchanged. Throws SandboxConfigError. */
export function sandboxFor(slot: SandboxSlot, config: WasmSandboxConfig): WasmSandbox {
  const key = keyOf(config);
  if (slot.current?.key === key) return slot.current.sandbox;
  const sandbox = new WasmSandbox(config, browserRuntime);
  void slot.current?.sandbox.close();
  slot.current = { key, sandbox };
  return sandbox;
}
