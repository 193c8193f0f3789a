// runGuest: the pure core of the runner worker (Node-testable). compile → inspect → link the
// allowed imports → instantiate → call the entry → read fuel and memory → one RunReport.
// Never throws for anything the guest does; every failure is a report with an errorKind.
import { FUEL_REMAINING_EXPORT, GROW_REFUSED_EXPORT, MEMORY_EXPORT } from "../instrument/abi";
import { inspect } from "../inspect/inspect";
import type { ModuleInfo } from "../inspect/module-info";
import { classifyExit, classifyFailure, type Classified } from "./classify";
import { chooseEntry, convertArgs, toResultValue } from "./entry-call";
import { isGuestSignal, type GuestSignal } from "./guest-signals";
import type { HostBinding, HostBindingFactory } from "./host-bindings";
import type { HostModule } from "./host-module";
import { linkImports } from "./link-imports";
import { OutputSink } from "./output-sink";
import type { RunReport, RunRequest, RunnerEvent } from "./protocol";

export interface RunHooks {
  onEvent(event: RunnerEvent): void;
  /** From instrument/: fuel used so far, and whether the budget ran out. */
  readFuel(
    instance: WebAssembly.Instance,
    fuelLimit: bigint | undefined,
  ): { consumed: bigint; exhausted: boolean };
  /** From instrument/: whether a memory.grow or table.grow was refused by the cap. */
  readGrowRefused(instance: WebAssembly.Instance): boolean;
  /** Host modules offered to the guest; each import is checked against their signatures. */
  hostBindings: readonly HostBindingFactory[];
  now?: () => number;
}

type Outcome = { value?: unknown; exitCode?: number } | Classified;
type Phase = "instantiate" | "run";

/** Wraps host functions to remember the first typed signal, which a guest could catch and hide. */
function latchSignals(module: HostModule, latch: { signal?: GuestSignal }): HostModule {
  const functions: HostModule["functions"] = {};
  for (const [name, host] of Object.entries(module.functions)) {
    functions[name] = {
      signature: host.signature,
      fn: (...args: unknown[]) => {
        try {
          return host.fn(...args);
        } catch (thrown) {
          if (isGuestSignal(thrown)) latch.signal ??= thrown;
          throw thrown; // everything is rethrown as is: a stack overflow stays one
        }
      },
    };
  }
  return { name: module.name, functions };
}

function exportedMemory(instance: WebAssembly.Instance): WebAssembly.Memory | undefined {
  const preferred = instance.exports[MEMORY_EXPORT];
  if (preferred instanceof WebAssembly.Memory) return preferred;
  return Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
}

/** One run's state; `runGuest` drives it through its phases. */
class GuestRun {
  readonly timings = { compileMs: 0, instantiateMs: 0, runMs: 0 };
  readonly latch: { signal?: GuestSignal } = {};
  readonly sink: OutputSink;
  memory?: WebAssembly.Memory;
  instance?: WebAssembly.Instance;
  info?: ModuleInfo;
  bindings: HostBinding[] = [];

  constructor(
    readonly request: RunRequest,
    readonly hooks: RunHooks,
  ) {
    this.sink = new OutputSink(request.maxOutputBytes, (stream, text) =>
      hooks.onEvent({ type: "output", stream, text }),
    );
  }

  readFuel() {
    const { instance, request } = this;
    if (!instance || !request.metered || !(FUEL_REMAINING_EXPORT in instance.exports)) return;
    return this.hooks.readFuel(instance, request.fuelLimit);
  }

  exitCode(): number | undefined {
    return this.bindings.map((b) => b.exitCode?.()).find((code) => code !== undefined);
  }

  fail(thrown: unknown, phase: Phase): Outcome {
    const exitCode = this.exitCode();
    if (!this.latch.signal && exitCode !== undefined) return classifyExit(exitCode);
    const { instance } = this;
    const fuel = this.readFuel();
    return classifyFailure(thrown, {
      phase,
      info: this.info,
      fuel: fuel && { ...fuel, limit: this.request.fuelLimit },
      growRefused:
        !!instance &&
        GROW_REFUSED_EXPORT in instance.exports &&
        this.hooks.readGrowRefused(instance),
      memoryLimitBytes: this.request.memoryLimitBytes,
      signal: this.latch.signal,
    });
  }

  /** After a normal return: a caught signal or exit still decides the outcome. */
  returned(value: unknown): Outcome {
    if (this.latch.signal || this.exitCode() !== undefined) return this.fail(undefined, "run");
    return { value };
  }

  report(outcome: Outcome): RunReport {
    const { stdout, stderr } = this.sink.finish();
    const files = this.bindings.reduce<Record<string, Uint8Array> | undefined>(
      (all, b) => (b.files ? { ...all, ...b.files() } : all),
      undefined,
    );
    const report: RunReport = {
      runId: this.request.runId,
      success: !("kind" in outcome),
      output: stdout,
      stderr,
      executionTimeMs: this.timings.runMs,
      fuelConsumed: this.readFuel()?.consumed,
      // Memory never shrinks, so its size after the run is the peak.
      memoryUsedBytes: this.memory?.buffer.byteLength ?? 0,
      timings: this.timings,
    };
    if (files) report.files = files;
    if ("kind" in outcome) {
      report.errorKind = outcome.kind;
      report.error = outcome.message;
    } else {
      report.value = toResultValue(outcome.value);
    }
    if (outcome.exitCode !== undefined) report.exitCode = outcome.exitCode;
    return report;
  }
}

export async function runGuest(
  bytes: Uint8Array,
  request: RunRequest,
  hooks: RunHooks,
): Promise<RunReport> {
  const now = hooks.now ?? (() => performance.now());
  const run = new GuestRun(request, hooks);
  const { timings } = run;

  hooks.onEvent({ type: "phase", phase: "compiling" });
  let compiled: WebAssembly.Module;
  const compileStart = now();
  try {
    compiled = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (thrown) {
    return run.report(run.fail(thrown, "instantiate"));
  }
  timings.compileMs = now() - compileStart;
  const inspected = inspect(bytes, { scanCode: false });
  if (!inspected.ok) return run.report({ kind: "invalid_module", message: inspected.message });
  run.info = inspected.info;

  run.bindings = hooks.hostBindings.map((factory) =>
    factory(
      {
        memory: () => run.memory,
        write: (stream, data) => run.sink.write(stream, data),
        deterministic: request.deterministic,
      },
      request,
    ),
  );
  const modules = run.bindings.map((b) => latchSignals(b.module, run.latch));
  const link = linkImports(run.info.imports, request, modules);
  if (!link.ok) return run.report(link);
  run.memory = link.memory; // an imported memory is reachable even from the start function
  const chosen = chooseEntry(run.info.exports, request.entry);
  if (!chosen.ok) return run.report(chosen);
  const args = convertArgs(chosen.entry.name, chosen.entry.signature, request.args ?? []);
  if (!args.ok) return run.report(args);

  hooks.onEvent({ type: "phase", phase: "instantiating", compileMs: timings.compileMs });
  const instantiateStart = now();
  try {
    run.instance = await WebAssembly.instantiate(compiled, link.imports);
  } catch (thrown) {
    timings.instantiateMs = now() - instantiateStart;
    return run.report(run.fail(thrown, "instantiate"));
  }
  timings.instantiateMs = now() - instantiateStart;
  run.memory ??= exportedMemory(run.instance);
  for (const binding of run.bindings) binding.bindInstance?.(run.instance);

  const entry = run.instance.exports[chosen.entry.name] as (...values: unknown[]) => unknown;
  const { compileMs, instantiateMs } = timings;
  hooks.onEvent({ type: "phase", phase: "running", compileMs, instantiateMs });
  const runStart = now();
  let outcome: Outcome;
  try {
    outcome = run.returned(entry(...args.values));
  } catch (thrown) {
    outcome = run.fail(thrown, "run");
  }
  timings.runMs = now() - runStart;
  return run.report(outcome);
}
