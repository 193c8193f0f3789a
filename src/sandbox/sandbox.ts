// WasmSandbox: one set of limits and permissions, and the pipeline of a run:
// size check → instrument (toolchain worker, cached) → run (a warm runner worker, timed out
// on the main thread). execute() never rejects for anything the guest does: every failure is
// an ExecutionResult with an errorKind.
import { resolveConfig, type ResolvedConfig, type WasmSandboxConfig } from "./config";
import type { InstrumentLimits, InstrumentOutcome } from "./instrument/abi";
import { countMayLag } from "./instrument/exactness";
import { prepareBindings } from "./host-modules";
import { instrumentLimitsFor } from "./instrument-limits";
import { checkRunOptions } from "./run-options";
import { buildProfile } from "./profile/build";
import type { RunPhase, RunRequest } from "./runner/protocol";
import { sharedNodeRuntime } from "./runtime/node-runtime";
import { RunnerPool, type PoolRunOutcome } from "./runtime/runner-pool";
import { sharedToolchain } from "./runtime/shared-toolchain";
import { spawnRunnerWorker } from "./runtime/spawn-workers";
import type { CompileOutcome } from "./toolchain/api";
import type { ErrorKind, ExecuteOptions, ExecutionResult } from "./types";
import { groupDigits } from "./digits";
import { emptyResult } from "./failed-result";

/** What a sandbox needs from the outside world; tests pass fakes, pages get the workers. */
export interface SandboxRuntime {
  instrument(bytes: Uint8Array, limits: InstrumentLimits): Promise<InstrumentOutcome>;
  createRunnerPool(): Pick<RunnerPool, "prewarm" | "run" | "close">;
  /** For "wat" import bindings; a runtime without it refuses them (invalid_config). */
  compileWat?(source: string): Promise<CompileOutcome>;
}

export const browserRuntime: SandboxRuntime = {
  instrument: (bytes, limits) => sharedToolchain().instrument(bytes, limits),
  compileWat: (source) => sharedToolchain().compileWat(source),
  createRunnerPool: () => new RunnerPool(spawnRunnerWorker),
};

/** Web Workers where there are any (browsers), else worker_threads threads (Node). */
export function defaultRuntime(): SandboxRuntime {
  return typeof Worker !== "undefined" ? browserRuntime : sharedNodeRuntime();
}

/** Where a run is: instrumenting (toolchain worker), then the runner's own phases. */
export type RunStage = "instrumenting" | RunPhase;

export interface SandboxExecuteOptions extends ExecuteOptions {
  /** Called as the run enters each stage (for a progress display). */
  onPhase?: (stage: RunStage) => void;
}

let nextRunId = 1;

function mebibytes(bytes: number): string {
  return `${groupDigits(Math.round((bytes / (1024 * 1024)) * 100) / 100)} MiB`;
}

export class WasmSandbox {
  readonly config: ResolvedConfig;
  private pool: ReturnType<SandboxRuntime["createRunnerPool"]> | undefined;
  private closed = false;

  /** Throws SandboxConfigError (kind "invalid_config") naming the bad field and its range. */
  constructor(
    config: WasmSandboxConfig = {},
    private readonly runtime: SandboxRuntime = defaultRuntime(),
  ) {
    this.config = resolveConfig(config);
    // Warm a runner now, so the first run starts without a worker boot (browsers only).
    if (runtime !== browserRuntime || typeof Worker !== "undefined") this.runners().prewarm();
  }

  private runners(): ReturnType<SandboxRuntime["createRunnerPool"]> {
    this.pool ??= this.runtime.createRunnerPool();
    return this.pool;
  }

  async execute(
    bytes: Uint8Array | ArrayBuffer,
    options: SandboxExecuteOptions = {},
  ): Promise<ExecutionResult> {
    if (this.closed) throw new Error("this WasmSandbox is closed");
    const { config } = this;
    const input = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const metered = !options.unmetered;
    const base = emptyResult({
      metered,
      memoryLimitBytes: config.maxMemoryBytes,
      fuelLimit: metered ? config.maxFuel : undefined,
    });
    // What is known by then (instrumentMs, moduleBytes) stays in a later failure.
    const failed = (errorKind: ErrorKind, error: string): ExecutionResult => ({
      ...base,
      errorKind,
      error,
    });

    if (input.byteLength > config.maxModuleBytes) {
      return failed(
        "invalid_module",
        `the module is ${mebibytes(input.byteLength)} (${groupDigits(input.byteLength)} bytes), over maxModuleBytes (${groupDigits(config.maxModuleBytes)} bytes)`,
      );
    }
    const badOption = checkRunOptions(options);
    if (badOption) return failed("invalid_config", badOption);
    if (options.signal?.aborted) {
      return failed("timeout", "stopped by the user before the run started");
    }

    options.onPhase?.("instrumenting");
    const profile = metered && (options.profile === true || options.profile === "columns");
    // A profiled build keeps the count exact at every charge: never a lazy count to recount.
    const limits: InstrumentLimits = profile
      ? { ...instrumentLimitsFor(config, metered), lazyCounter: false, profile }
      : instrumentLimitsFor(config, metered);
    // A Stop does not wait for instrumentation (its result is cached for the next run anyway).
    const instrumented = await untilAborted(this.runtime.instrument(input, limits), options.signal);
    if (instrumented === "aborted") {
      return failed("timeout", "stopped by the user while the module was being instrumented");
    }
    if (!instrumented.ok) return failed(instrumented.kind, instrumented.message);
    base.timings.instrumentMs = instrumented.instrumentMs;
    base.moduleBytes = {
      original: instrumented.originalSize,
      instrumented: instrumented.instrumentedSize,
    };
    base.fuelLimit = metered ? instrumented.fuelLimit : undefined;
    const bound = await untilAborted(
      prepareBindings(options.importBindings, this.runtime, {
        ...limits,
        lazyCounter: false,
        profile: false,
      }),
      options.signal,
    );
    if (bound === "aborted") {
      return failed("timeout", "stopped by the user while the host modules were being prepared");
    }
    if (!bound.ok) return failed(bound.kind, bound.message);
    if (options.signal?.aborted) {
      return failed("timeout", "stopped by the user before the run started");
    }

    const request = runRequest(config, options, base.fuelLimit, metered, bound);
    if (profile) request.profile = true;
    const outcome = await this.runners().run(instrumented.bytes, request, {
      timeoutMs: config.timeoutMs,
      signal: options.signal,
      onEvent: (event) => {
        if (event.type === "output") options.onOutput?.(event.stream, event.text);
        else if (event.type === "phase") options.onPhase?.(event.phase);
      },
    });
    const result = toResult(base, outcome, options.profile === "columns");
    if (result.gcAllocatedBytes !== undefined)
      result.gcAllocationLimitBytes = config.maxGcAllocationBytes;
    const end = {
      success: result.success,
      errorKind: result.errorKind,
      counted: result.fuelConsumed !== undefined,
      raisedIn: outcome.ok ? outcome.report.raisedIn : undefined,
      unreachable: outcome.ok && outcome.report.unreachable === true,
    };
    if (limits.lazyCounter && countMayLag(end, instrumented)) {
      return this.recount(input, { ...limits, lazyCounter: false }, request, result, options);
    }
    return result;
  }

  /**
   * A run that trapped inside a function that keeps its fuel count in a local (lazyCounter)
   * left the counter at that function's last call or entry (countMayLag). Runs are
   * deterministic here, so the same run again, with the counter exact at every charge and its
   * output dropped, gives the exact fuelConsumed.
   */
  private async recount(
    input: Uint8Array,
    limits: InstrumentLimits,
    request: RunRequest,
    first: ExecutionResult,
    options: SandboxExecuteOptions,
  ): Promise<ExecutionResult> {
    const inexact = (why: string): ExecutionResult => ({
      ...first,
      error: `${first.error ?? ""} (fuel counted to the trapping function's last call: ${why})`,
    });
    const instrumented = await untilAborted(this.runtime.instrument(input, limits), options.signal);
    if (instrumented === "aborted") return inexact("stopped before the exact recount");
    if (!instrumented.ok) return inexact(`the exact recount failed: ${instrumented.message}`);
    const again = await this.runners().run(
      instrumented.bytes,
      { ...request, runId: nextRunId++ },
      { timeoutMs: this.config.timeoutMs, signal: options.signal },
    );
    const recounted = toResult(first, again);
    if (recounted.errorKind === "fuel_exhausted" && first.errorKind !== "fuel_exhausted") {
      // A threaded function's caller checks its last charge only after the call returns
      // (fuel-pass.ts), so the first run may have trapped or overflowed the stack past the
      // point where the exact count runs out. The exact run is the reference: the budget
      // ran out first. (Both runs made the same host calls: every call out is checked.)
      const { errorKind, error, fuelConsumed } = recounted;
      return { ...first, errorKind, error, fuelConsumed };
    }
    if (recounted.errorKind !== first.errorKind || recounted.fuelConsumed === undefined) {
      return inexact(`the exact recount ended otherwise (${recounted.errorKind ?? "success"})`);
    }
    return { ...first, fuelConsumed: recounted.fuelConsumed };
  }

  /** Terminates this sandbox's runners. The shared toolchain worker stays for other sandboxes. */
  async close(): Promise<void> {
    this.closed = true;
    this.pool?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** The promise's value, or "aborted" as soon as the signal aborts. */
function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T | "aborted"> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve("aborted");
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function toResult(
  base: ExecutionResult,
  outcome: PoolRunOutcome,
  profileAsColumns = false,
): ExecutionResult {
  if (!outcome.ok) {
    const { kind, message, output, stderr, outputBlob, stderrBlob, timings } = outcome;
    return {
      ...base,
      errorKind: kind,
      error: message,
      output,
      stderr,
      ...(outputBlob && stderrBlob ? { outputBlob, stderrBlob } : {}),
      executionTimeMs: timings.runMs,
      timings: { ...base.timings, ...timings },
    };
  }
  const { report } = outcome;
  const result: ExecutionResult = {
    ...base,
    success: report.success,
    output: report.output,
    stderr: report.stderr,
    ...(report.outputBlob && report.stderrBlob
      ? { outputBlob: report.outputBlob, stderrBlob: report.stderrBlob }
      : {}),
    executionTimeMs: report.executionTimeMs,
    memoryUsedBytes: report.memoryUsedBytes,
    timings: { ...base.timings, ...report.timings },
  };
  if (report.gcAllocatedBytes !== undefined) result.gcAllocatedBytes = report.gcAllocatedBytes;
  if (report.value !== undefined) result.value = report.value;
  if (report.error !== undefined) result.error = report.error;
  if (report.errorKind !== undefined) result.errorKind = report.errorKind;
  if (report.exitCode !== undefined) result.exitCode = report.exitCode;
  if (report.fuelConsumed !== undefined && base.metered) result.fuelConsumed = report.fuelConsumed;
  if (report.files !== undefined) result.files = report.files;
  if (report.fileLinks !== undefined) result.fileLinks = report.fileLinks;
  if (report.profile !== undefined && result.fuelConsumed !== undefined) {
    if (profileAsColumns) result.profileColumns = report.profile;
    else result.profile = buildProfile(report.profile);
  }
  return result;
}

/** The runner's request for one run of the instrumented module. */
function runRequest(
  config: ResolvedConfig,
  options: SandboxExecuteOptions,
  fuelLimit: bigint | undefined,
  metered: boolean,
  bound: Pick<RunRequest, "importBindings" | "hostModules">,
): RunRequest {
  return {
    runId: nextRunId++,
    entry: options.entry,
    args: options.args,
    allowedImports: config.allowedImports,
    memoryLimitBytes: config.maxMemoryBytes,
    tableLimitElements: config.maxTableElements,
    gcLimitBytes: config.maxGcAllocationBytes,
    stackLimitBytes: config.maxStackBytes,
    maxOutputBytes: config.maxOutputBytes,
    fuelLimit,
    metered,
    deterministic: config.deterministic,
    stdin: options.stdin,
    argv: options.argv,
    env: options.env,
    files: options.files,
    programName: options.programName,
    stubImports: options.stubImports,
    importBindings: bound.importBindings,
    hostModules: bound.hostModules,
    driver: options.driver,
    script: options.script,
    outputBlobs: options.outputBlobs,
  };
}
