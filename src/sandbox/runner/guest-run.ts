// One run's state, shared by runGuest's phases: output sink, host bindings, the signal latch,
// and turning whatever ended the run into the one RunReport.
import type { GrowRefusal } from "../instrument/read-abi";
import { FUEL_REMAINING_EXPORT, GROW_REFUSED_EXPORT, MEMORY_EXPORT } from "../instrument/abi";
import { readCountLags, readGcAllocated } from "../instrument/read-abi";
import type { ModuleInfo } from "../inspect/module-info";
import type { ProfileRecorder } from "../profile/recorder";
import { summarize } from "../profile/build";
import { classifyExit, classifyFailure, type Classified } from "./classify";
import { toResultValue } from "./entry-call";
import { HostTrap, isGuestSignal, type GuestSignal } from "./guest-signals";
import type { HostBinding, HostBindingFactory } from "./host-bindings";
import type { HostModule } from "./host-module";
import { stubMessage } from "./link-imports";
import { raisedIn } from "./wasm-frames";
import { OutputSink } from "./output-sink";
import { blobOutput } from "../output-blobs";
import type { RunReport, RunRequest, RunnerEvent } from "./protocol";

export interface RunHooks {
  onEvent(event: RunnerEvent): void;
  /** From instrument/: fuel used so far, and whether the budget ran out. */
  readFuel(
    instance: WebAssembly.Instance,
    fuelLimit: bigint | undefined,
  ): { consumed: bigint; exhausted: boolean };
  /** From instrument/: whether a memory.grow or table.grow was refused by the cap. */
  readGrowRefused(instance: WebAssembly.Instance): GrowRefusal | undefined;
  /** Host modules offered to the guest; each import is checked against their signatures. */
  hostBindings: readonly HostBindingFactory[];
  now?: () => number;
}

export type Outcome =
  | { value?: unknown; exitCode?: number }
  | (Classified & Pick<RunReport, "raisedIn" | "unreachable">);
export type Phase = "instantiate" | "start" | "run";

type Latch = { signal?: GuestSignal };

/** Wraps a host function to remember the first typed signal, which a guest could catch and hide. */
export function latched<A extends unknown[], R>(
  fn: (...args: A) => R,
  latch: Latch,
): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args);
    } catch (thrown) {
      if (isGuestSignal(thrown)) latch.signal ??= thrown;
      throw thrown; // everything is rethrown as is: a stack overflow stays one
    }
  };
}

export function latchSignals(module: HostModule, latch: Latch): HostModule {
  const functions: HostModule["functions"] = {};
  for (const [name, host] of Object.entries(module.functions)) {
    functions[name] = { signature: host.signature, fn: latched(host.fn, latch) };
  }
  return { name: module.name, functions };
}

/** A stub for an import nobody provides: a trap naming it, latched like any host signal. */
export function latchedStub(qualifiedName: string, latch: Latch): (...args: unknown[]) => never {
  return latched(() => {
    throw new HostTrap(stubMessage(qualifiedName));
  }, latch);
}

export function exportedMemory(instance: WebAssembly.Instance): WebAssembly.Memory | undefined {
  const preferred = instance.exports[MEMORY_EXPORT];
  if (preferred instanceof WebAssembly.Memory) return preferred;
  return Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
}

/**
 * Bytes of all the guest's memories (the memory cap bounds their total): every memory the
 * instance exports (instrument() exports each one) and the imported one, reachable before there
 * is an instance. Memories never shrink, so after the run this is the peak.
 */
export function memoryInUse(
  instance: WebAssembly.Instance | undefined,
  imported: WebAssembly.Memory | undefined,
): number {
  const memories = new Set<WebAssembly.Memory>(imported ? [imported] : []);
  for (const value of Object.values(instance?.exports ?? {})) {
    if (value instanceof WebAssembly.Memory) memories.add(value);
  }
  let bytes = 0;
  for (const memory of memories) bytes += memory.buffer.byteLength;
  return bytes;
}

/** One run's state; `runGuest` drives it through its phases. */
export class GuestRun {
  readonly timings = { compileMs: 0, instantiateMs: 0, runMs: 0 };
  readonly latch: { signal?: GuestSignal } = {};
  readonly sink: OutputSink;
  memory?: WebAssembly.Memory;
  instance?: WebAssembly.Instance;
  info?: ModuleInfo;
  bindings: HostBinding[] = [];
  /** Set once a profiled instance's hooks point at it (RunRequest.profile). */
  profiler?: ProfileRecorder;
  private exportNames?: Map<number, string>;

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

  /** A function's name: the name section's, else an export's. */
  nameOf(funcIndex: number): string | undefined {
    const info = this.info;
    if (!info) return undefined;
    if (!this.exportNames) {
      this.exportNames = new Map();
      for (const e of info.exports) {
        // The sandbox's own exports (the deferred start function) are not the module's names.
        if (e.kind === "function" && !e.name.startsWith("__sandbox_")) {
          if (!this.exportNames.has(e.index)) this.exportNames.set(e.index, e.name);
        }
      }
    }
    return info.functionNames?.[funcIndex] ?? this.exportNames.get(funcIndex);
  }

  exitCode(): number | undefined {
    return this.bindings.map((b) => b.exitCode?.()).find((code) => code !== undefined);
  }

  fail(thrown: unknown, phase: Phase): Outcome {
    const exitCode = this.exitCode();
    if (!this.latch.signal && exitCode !== undefined) return classifyExit(exitCode);
    const { instance } = this;
    const fuel = this.readFuel();
    // A host signal was raised by a host function even if the guest caught it and trapped later.
    const where = this.latch.signal ? "host" : raisedIn(thrown);
    const classified = classifyFailure(thrown, {
      phase,
      info: this.info,
      fuel: fuel && { ...fuel, limit: this.request.fuelLimit },
      growRefused:
        instance && GROW_REFUSED_EXPORT in instance.exports
          ? this.hooks.readGrowRefused(instance)
          : undefined,
      memoryLimitBytes: this.request.memoryLimitBytes,
      tableLimitElements: this.request.tableLimitElements,
      gcLimitBytes: this.request.gcLimitBytes,
      stackLimitBytes: this.request.stackLimitBytes,
      signal: this.latch.signal,
    });
    const failed: Classified & Pick<RunReport, "raisedIn" | "unreachable"> =
      where === undefined ? { ...classified } : { ...classified, raisedIn: where };
    const lags = instance !== undefined && readCountLags(instance);
    if (!this.latch.signal && isUnreachable(thrown) && !lags) failed.unreachable = true;
    return failed;
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
      ...(this.request.outputBlobs ? blobOutput([stdout], [stderr]) : { output: stdout, stderr }),
      executionTimeMs: this.timings.runMs,
      fuelConsumed: this.readFuel()?.consumed,
      memoryUsedBytes: memoryInUse(this.instance, this.memory),
      timings: this.timings,
    };
    const gcAllocated = readGcAllocated(this.instance);
    if (gcAllocated !== undefined) report.gcAllocatedBytes = gcAllocated;
    if (this.profiler && report.fuelConsumed !== undefined) {
      report.profile = summarize(
        this.profiler.finish(Number(report.fuelConsumed), (f) => this.nameOf(f)),
      );
    }
    if (files) report.files = files;
    const links: Record<string, string> = {};
    for (const b of this.bindings) Object.assign(links, b.fileLinks?.());
    if (Object.keys(links).length > 0) report.fileLinks = links;
    if ("kind" in outcome) {
      report.errorKind = outcome.kind;
      report.error = outcome.message;
      if ("raisedIn" in outcome && outcome.raisedIn !== undefined) {
        report.raisedIn = outcome.raisedIn;
      }
      if ("unreachable" in outcome && outcome.unreachable) report.unreachable = true;
    } else {
      report.value = toResultValue(outcome.value);
    }
    if (outcome.exitCode !== undefined) report.exitCode = outcome.exitCode;
    return report;
  }
}

/** The guest's own `unreachable` instruction (V8's message for that trap, and only that one). */
function isUnreachable(thrown: unknown): boolean {
  return thrown instanceof WebAssembly.RuntimeError && thrown.message === "unreachable";
}
