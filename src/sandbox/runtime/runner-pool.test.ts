import { afterEach, describe, expect, it } from "vitest";
import type { RunReport, RunRequest, RunnerApi, RunnerEvent } from "../runner/protocol";
import { FakeWorker } from "./fake-worker";
import { RunnerPool } from "./runner-pool";
import { OUTPUT_HEAD_CHARS } from "../output-blobs";

const request = (runId: number): RunRequest => ({
  runId,
  allowedImports: [],
  memoryLimitBytes: 65_536,
  maxOutputBytes: 100,
  metered: false,
  deterministic: true,
});

function report(runId: number, extra: Partial<RunReport> = {}): RunReport {
  return {
    runId,
    success: true,
    value: 42,
    output: "",
    stderr: "",
    executionTimeMs: 1,
    memoryUsedBytes: 0,
    timings: { compileMs: 0, instantiateMs: 0, runMs: 1 },
    ...extra,
  };
}

/** A runner whose run() behaves as `behaviour` says; records every worker spawned. */
function fakeRunners(
  behaviour: (request: RunRequest, onEvent: (e: RunnerEvent) => void) => Promise<unknown>,
) {
  const spawned: FakeWorker[] = [];
  const spawn = () => {
    const api: RunnerApi = {
      ping: async () => "ready",
      run: async (_bytes, req, onEvent) => {
        const report = (await behaviour(req, onEvent)) as RunReport;
        await onEvent({ type: "done", report });
      },
    };
    const worker = new FakeWorker(api);
    spawned.push(worker);
    return worker;
  };
  return { spawn, spawned };
}

const never = () => new Promise<never>(() => {});
let pool: RunnerPool | undefined;
afterEach(() => pool?.close());

describe("RunnerPool", () => {
  it("runs in the warm runner and reuses it for the next run", async () => {
    const { spawn, spawned } = fakeRunners(async (req) => report(req.runId));
    pool = new RunnerPool(spawn);
    pool.prewarm();
    const first = await pool.run(new Uint8Array([1]), request(1), { timeoutMs: 1000 });
    const second = await pool.run(new Uint8Array([2]), request(2), { timeoutMs: 1000 });
    expect(first).toMatchObject({ ok: true, report: { runId: 1, value: 42 } });
    expect(second).toMatchObject({ ok: true, report: { runId: 2 } });
    expect(spawned).toHaveLength(1);
  });

  it("transfers the bytes: the caller's buffer is detached", async () => {
    const { spawn } = fakeRunners(async (req) => report(req.runId));
    pool = new RunnerPool(spawn);
    const bytes = new Uint8Array([1, 2, 3]);
    await pool.run(bytes, request(1), { timeoutMs: 1000 });
    expect(bytes.byteLength).toBe(0);
  });

  it("times a run out, terminates its worker, keeps streamed output, and warms a fresh one", async () => {
    const { spawn, spawned } = fakeRunners(async (req, onEvent) => {
      if (req.runId === 1) {
        await onEvent({ type: "phase", phase: "running", compileMs: 1, instantiateMs: 2 });
        await onEvent({ type: "output", stream: "stdout", text: "so far" });
        return never();
      }
      return report(req.runId);
    });
    pool = new RunnerPool(spawn);
    const timedOut = await pool.run(new Uint8Array([1]), request(1), { timeoutMs: 200 });
    expect(timedOut).toMatchObject({
      ok: false,
      kind: "timeout",
      output: "so far",
      phase: "running",
    });
    if (!timedOut.ok)
      expect(timedOut.message).toBe(
        "timeout: the run took longer than the 200 ms limit while running the entry; the worker was terminated",
      );
    expect(spawned[0]!.terminated).toBe(true);
    expect(spawned).toHaveLength(2); // the replacement was spawned at once
    const next = await pool.run(new Uint8Array([1]), request(2), { timeoutMs: 1000 });
    expect(next).toMatchObject({ ok: true, report: { runId: 2 } });
  });

  it("with outputBlobs, a run it ends keeps what streamed back as Blobs and a head", async () => {
    const part = "x".repeat(40_000);
    const { spawn } = fakeRunners(async (_req, onEvent) => {
      for (let i = 0; i < 3; i++) await onEvent({ type: "output", stream: "stdout", text: part });
      await onEvent({ type: "output", stream: "stderr", text: "oops" });
      return never();
    });
    pool = new RunnerPool(spawn);
    const timedOut = await pool.run(
      new Uint8Array([1]),
      { ...request(1), outputBlobs: true },
      { timeoutMs: 200 },
    );
    expect(timedOut.ok).toBe(false);
    if (timedOut.ok) return;
    expect(timedOut.output).toBe("x".repeat(OUTPUT_HEAD_CHARS));
    expect(timedOut.outputBlob?.size).toBe(120_000);
    expect(timedOut.stderr).toBe("oops");
    expect(await timedOut.stderrBlob?.text()).toBe("oops");
  });

  it("a Stop terminates the worker at once and is reported as a timeout saying so", async () => {
    const { spawn, spawned } = fakeRunners(() => never());
    pool = new RunnerPool(spawn);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const stopped = await pool.run(new Uint8Array([1]), request(1), {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    expect(stopped).toMatchObject({ ok: false, kind: "timeout" });
    if (!stopped.ok) expect(stopped.message).toMatch(/^stopped by the user after \d+ ms/);
    expect(spawned[0]!.terminated).toBe(true);
  });

  it("a worker that fails is a crash, and the pool stays usable", async () => {
    const { spawn, spawned } = fakeRunners(async (req) => {
      if (req.runId === 1) {
        setTimeout(() => spawned[0]!.fail("out of memory"), 10);
        return never();
      }
      return report(req.runId);
    });
    pool = new RunnerPool(spawn);
    const crashed = await pool.run(new Uint8Array([1]), request(1), { timeoutMs: 60_000 });
    expect(crashed).toMatchObject({ ok: false, kind: "crash" });
    if (!crashed.ok) expect(crashed.message).toContain("out of memory");
    expect(await pool.run(new Uint8Array([1]), request(2), { timeoutMs: 1000 })).toMatchObject({
      ok: true,
    });
  });

  it("drops a reply for another run, and a malformed reply, as crashes", async () => {
    const { spawn } = fakeRunners(async (req) =>
      req.runId === 1 ? report(99) : { success: "yes" },
    );
    pool = new RunnerPool(spawn);
    const wrongRun = await pool.run(new Uint8Array([1]), request(1), { timeoutMs: 1000 });
    expect(wrongRun).toMatchObject({ ok: false, kind: "crash" });
    if (!wrongRun.ok) expect(wrongRun.message).toContain("run 99, not 1");
    const malformed = await pool.run(new Uint8Array([1]), request(2), { timeoutMs: 1000 });
    expect(malformed).toMatchObject({ ok: false, kind: "crash" });
    if (!malformed.ok) expect(malformed.message).toContain("malformed report");
  });

  it("passes on where a failure was raised, and refuses a made-up place", async () => {
    const { spawn } = fakeRunners(async (req) =>
      report(req.runId, {
        success: false,
        errorKind: "trap",
        raisedIn: req.runId === 1 ? 7 : -1,
        unreachable: true,
      }),
    );
    pool = new RunnerPool(spawn);
    const trapped = await pool.run(new Uint8Array([1]), request(1), { timeoutMs: 1000 });
    expect(trapped).toMatchObject({ ok: true, report: { raisedIn: 7, unreachable: true } });
    const madeUp = await pool.run(new Uint8Array([1]), request(2), { timeoutMs: 1000 });
    expect(madeUp).toMatchObject({ ok: false, kind: "crash" });
  });

  it("a runner that throws is a crash naming the error", async () => {
    const { spawn } = fakeRunners(async () => {
      throw new Error("internal bug");
    });
    pool = new RunnerPool(spawn);
    const r = await pool.run(new Uint8Array([1]), request(1), { timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, kind: "crash" });
    if (!r.ok) expect(r.message).toContain("internal bug");
  });

  it("close() ends a run in flight, reported as stopped", async () => {
    const { spawn, spawned } = fakeRunners(() => never());
    pool = new RunnerPool(spawn);
    const running = pool.run(new Uint8Array([1]), request(1), { timeoutMs: 60_000 });
    setTimeout(() => pool!.close(), 50);
    expect(await running).toMatchObject({
      ok: false,
      kind: "timeout",
      message: "stopped: the sandbox was closed during the run",
    });
    expect(spawned.every((w) => w.terminated)).toBe(true);
    await expect(pool.run(new Uint8Array([1]), request(2), { timeoutMs: 100 })).rejects.toThrow(
      /closed/,
    );
  });

  describe("start limit, scaled with the module's size", () => {
    /** Runners that answer ping only after `startMs` (a machine busy with a big module). */
    function slowStarting(startMs: number) {
      const spawned: FakeWorker[] = [];
      const spawn = () => {
        const api: RunnerApi = {
          ping: () => new Promise((resolve) => setTimeout(() => resolve("ready"), startMs)),
          run: async (_bytes, req, onEvent) => {
            await onEvent({ type: "done", report: report(req.runId) });
          },
        };
        const worker = new FakeWorker(api);
        spawned.push(worker);
        return worker;
      };
      return { spawn, spawned };
    }
    const limits = { baseMs: 100, allowanceMsPerMiB: 1_000 };

    it("a small module's run fails as a crash once the runner is past the base limit", async () => {
      const { spawn, spawned } = slowStarting(400);
      pool = new RunnerPool(spawn, limits);
      const r = await pool.run(new Uint8Array(16), request(1), { timeoutMs: 5_000 });
      expect(r).toMatchObject({
        ok: false,
        kind: "crash",
        message: "the runner worker did not start within 0.1 s",
      });
      expect(spawned[0]!.terminated).toBe(true);
    });

    it("a 1 MiB module's run waits the base limit plus 1 s per MiB for the same runner", async () => {
      const { spawn } = slowStarting(400);
      pool = new RunnerPool(spawn, limits);
      const r = await pool.run(new Uint8Array(1024 * 1024), request(1), { timeoutMs: 5_000 });
      expect(r).toMatchObject({ ok: true, report: { runId: 1 } });
    });
  });
});
