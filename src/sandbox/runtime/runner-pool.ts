// Owns the runner workers of one sandbox: keeps one warm (spawned and answering) so a run starts
// without a worker boot, times every run out on the main thread, terminates the worker on
// timeout, Stop or crash, and has a fresh one warming before the next run.
import * as Comlink from "comlink";
import type { RunPhase, RunReport, RunRequest, RunnerApi, RunnerEvent } from "../runner/protocol";
import { blobOutput } from "../output-blobs";
import { OwnedCallback } from "./owned-callback";
import { parseRunReport } from "./run-report-schema";
import { WorkerHandle, type CallFailure } from "./worker-handle";
import type { WorkerLike } from "./worker-endpoint";
import { groupDigits } from "../digits";
import { DEFAULT_ALLOWANCE_MS_PER_MIB, seconds, sizeAllowanceMs } from "./size-bound";

/**
 * How long a new runner may take to load before it counts as crashed, plus the size allowance
 * for the module a run brings (size-bound.ts): while a 29 MiB module is instrumented and handed
 * over, a loaded machine starts workers slowly too.
 */
export const DEFAULT_STARTUP_LIMITS: StartupLimits = {
  baseMs: 15_000,
  allowanceMsPerMiB: DEFAULT_ALLOWANCE_MS_PER_MIB,
};
/** A runner that never answers is ended even when no run waits for it. */
const STARTUP_BACKSTOP_MS = 5 * 60_000;
/** A runner whose guest grew memory past this is replaced rather than reused. */
const RECYCLE_AFTER_MEMORY_BYTES = 256 * 1024 * 1024;

export interface StartupLimits {
  baseMs: number;
  allowanceMsPerMiB: number;
}

/** A runner being started (or ready): `ready` settles with it, or with why it did not start. */
interface Warming {
  runner: Runner;
  spawnedAt: number;
  ready: Promise<Runner | string>;
}

export interface PoolRunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  onEvent?: (event: RunnerEvent) => void;
}

/** A run the pool ended itself, with what had streamed back by then. */
export interface PoolRunFailure {
  ok: false;
  kind: "timeout" | "crash";
  message: string;
  output: string;
  stderr: string;
  /** With RunRequest.outputBlobs: the whole of what streamed back (output/stderr: its head). */
  outputBlob?: Blob;
  stderrBlob?: Blob;
  phase: RunPhase | undefined;
  timings: { compileMs: number; instantiateMs: number; runMs: number };
}

export type PoolRunOutcome = { ok: true; report: RunReport } | PoolRunFailure;

type Runner = WorkerHandle<RunnerApi>;

const PHASE_WORDS: Record<RunPhase, string> = {
  compiling: "while compiling the module",
  instantiating: "while instantiating the module (a start function that never returns?)",
  running: "while running the entry",
};

export class RunnerPool {
  private warm: Warming | undefined;
  private closed = false;
  /** Runners with a run in flight, so close() can end them too. */
  private readonly busy = new Set<Runner>();

  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly startup: StartupLimits = DEFAULT_STARTUP_LIMITS,
  ) {}

  /** Starts a runner now, so the next run finds it ready. */
  prewarm(): void {
    if (this.closed || this.warm) return;
    const runner = new WorkerHandle<RunnerApi>(this.spawn());
    const ready = runner
      // Warm means answering and watched: a runner that dies mid-run must read as a crash.
      .call(async (remote) => {
        await runner.watched;
        return remote.ping();
      }, STARTUP_BACKSTOP_MS)
      .then((outcome) =>
        outcome.ok ? runner : `the runner worker did not start: ${outcome.message}`,
      );
    this.warm = { runner, spawnedAt: performance.now(), ready };
  }

  /**
   * A started runner for a module of `moduleBytes`; past the start limit for that size (counted
   * from the runner's spawn) the runner is ended and the run fails as a crash saying so.
   */
  private async acquire(moduleBytes: number): Promise<Runner | string> {
    this.prewarm();
    const pending = this.warm;
    if (!pending) return "the sandbox is closed";
    this.warm = undefined;
    const limitMs =
      this.startup.baseMs + sizeAllowanceMs(moduleBytes, this.startup.allowanceMsPerMiB);
    const leftMs = Math.max(0, limitMs - (performance.now() - pending.spawnedAt));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(
        () => resolve(`the runner worker did not start within ${seconds(limitMs)}`),
        leftMs,
      );
    });
    const runner = await Promise.race([pending.ready, late]);
    clearTimeout(timer);
    if (typeof runner === "string") {
      pending.runner.terminate(runner);
      return runner;
    }
    if (!runner.alive) return this.acquire(moduleBytes);
    return runner;
  }

  private release(runner: Runner, report: RunReport | undefined): void {
    const reusable = runner.alive && report && report.memoryUsedBytes <= RECYCLE_AFTER_MEMORY_BYTES;
    if (reusable && !this.warm && !this.closed) {
      this.warm = { runner, spawnedAt: performance.now(), ready: Promise.resolve(runner) };
      return;
    }
    if (runner.alive) runner.terminate("recycled");
    this.prewarm();
  }

  /** Runs `bytes` (transferred: the caller's buffer is detached) in a warm runner. */
  async run(
    bytes: Uint8Array,
    request: RunRequest,
    options: PoolRunOptions,
  ): Promise<PoolRunOutcome> {
    if (this.closed) throw new Error("the sandbox is closed");
    // Kept as parts: joined (or made a Blob) only if the pool ends the run itself.
    const streamed = { stdout: [] as string[], stderr: [] as string[] };
    let phase: RunPhase | undefined;
    const timings = { compileMs: 0, instantiateMs: 0, runMs: 0 };
    const failure = (kind: "timeout" | "crash", message: string): PoolRunFailure => ({
      ok: false,
      kind,
      message,
      ...(request.outputBlobs
        ? blobOutput(streamed.stdout, streamed.stderr)
        : { output: streamed.stdout.join(""), stderr: streamed.stderr.join("") }),
      phase,
      timings,
    });

    const runner = await this.acquire(bytes.byteLength);
    if (typeof runner === "string") return failure("crash", runner);
    let current = true; // events of a run that has ended are dropped
    let done: (report: unknown) => void = () => {};
    const onEvent = (event: RunnerEvent) => {
      if (!current) return;
      if (event.type === "done") return done(event.report);
      if (event.type === "output") streamed[event.stream].push(event.text);
      else {
        phase = event.phase;
        timings.compileMs = event.compileMs ?? timings.compileMs;
        timings.instantiateMs = event.instantiateMs ?? timings.instantiateMs;
      }
      options.onEvent?.(event);
    };
    this.busy.add(runner);
    const started = performance.now();
    const whole =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? bytes
        : bytes.slice();
    const events = new OwnedCallback(onEvent);
    const outcome = await runner.call(
      (remote) =>
        new Promise<unknown>((resolve, reject) => {
          done = resolve;
          const callback = events as unknown as typeof onEvent;
          remote.run(Comlink.transfer(whole, [whole.buffer]), request, callback).catch(reject);
        }),
      options.timeoutMs,
      options.signal,
    );
    events.close();
    current = false;
    this.busy.delete(runner);
    if (!outcome.ok) {
      this.release(runner, undefined);
      if (phase === "running") {
        timings.runMs = performance.now() - started - timings.compileMs - timings.instantiateMs;
      }
      if (this.closed) return failure("timeout", "stopped: the sandbox was closed during the run");
      return failure(
        outcome.reason === "crash" ? "crash" : "timeout",
        this.describe(outcome, phase, options.timeoutMs, started),
      );
    }
    const parsed = parseRunReport(outcome.value);
    if (!parsed.ok || parsed.report.runId !== request.runId) {
      runner.terminate("sent a bad report");
      this.release(runner, undefined);
      return failure(
        "crash",
        parsed.ok
          ? `crash: the runner answered for run ${parsed.report.runId}, not ${request.runId}`
          : `crash: ${parsed.message}`,
      );
    }
    this.release(runner, parsed.report);
    return { ok: true, report: parsed.report };
  }

  private describe(
    failure: CallFailure,
    phase: RunPhase | undefined,
    timeoutMs: number,
    started: number,
  ): string {
    const where = PHASE_WORDS[phase ?? "compiling"];
    if (failure.reason === "timeout") {
      return `timeout: the run took longer than the ${groupDigits(timeoutMs)} ms limit ${where}; the worker was terminated`;
    }
    if (failure.reason === "aborted") {
      return `stopped by the user after ${Math.round(performance.now() - started)} ms ${where}; the worker was terminated`;
    }
    return `crash: ${failure.message}; a fresh runner replaces it`;
  }

  close(): void {
    this.closed = true;
    const warm = this.warm;
    this.warm = undefined;
    warm?.runner.terminate("closed");
    for (const runner of this.busy) runner.terminate("the sandbox was closed");
  }
}
