// Prepares a run's import bindings for the runner: each distinct WAT host module source is
// compiled by the toolchain and instrumented like the guest (metered, memory and tables
// capped), and "wat" bindings then name the module by its index (runner/protocol.ts).
import { quoteImport, type ImportBinding } from "./bindings";
import type { InstrumentLimits, InstrumentOutcome } from "./instrument/abi";
import type { WireBinding } from "./runner/protocol";
import type { CompileOutcome } from "./toolchain/api";
import type { ErrorKind } from "./types";

export interface HostModuleTools {
  instrument(bytes: Uint8Array, limits: InstrumentLimits): Promise<InstrumentOutcome>;
  /** Absent: this runtime cannot compile WAT, so "wat" bindings are refused. */
  compileWat?(source: string): Promise<CompileOutcome>;
}

export type PreparedBindings =
  | { ok: true; importBindings?: WireBinding[]; hostModules?: Uint8Array[] }
  | { ok: false; kind: ErrorKind; message: string };

export async function prepareBindings(
  bindings: readonly ImportBinding[] | undefined,
  tools: HostModuleTools,
  limits: InstrumentLimits,
): Promise<PreparedBindings> {
  if (bindings === undefined || bindings.length === 0) return { ok: true };
  const hostModules: Uint8Array[] = [];
  const indexOf = new Map<string, number>();
  const wire: WireBinding[] = [];
  for (const binding of bindings) {
    if (binding.kind !== "wat") {
      wire.push(binding);
      continue;
    }
    const label = `the WAT host module of ${quoteImport(binding.module, binding.name)}`;
    let index = indexOf.get(binding.source);
    if (index === undefined) {
      if (!tools.compileWat) {
        return {
          ok: false,
          kind: "invalid_config",
          message: `${label}: this runtime cannot compile WAT`,
        };
      }
      const compiled = await tools.compileWat(binding.source);
      if (!compiled.ok) {
        return {
          ok: false,
          kind: "compile_error",
          message: `${label} did not compile: ${compiled.message}`,
        };
      }
      // The host module's counter is exact after every trap (no lazy shape): the runner hands
      // the guest's counter to it and takes it back around each call.
      const made = await tools.instrument(compiled.bytes, {
        ...limits,
        deferStart: true,
        lazyCounter: false,
      });
      if (!made.ok) return { ok: false, kind: made.kind, message: `${label}: ${made.message}` };
      index = hostModules.push(made.bytes) - 1;
      indexOf.set(binding.source, index);
    }
    const { module, name } = binding;
    wire.push({ module, name, kind: "wat", hostModule: index, export: binding.export ?? name });
  }
  return hostModules.length > 0
    ? { ok: true, importBindings: wire, hostModules }
    : { ok: true, importBindings: wire };
}
