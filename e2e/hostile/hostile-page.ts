// Page object for the hostile suite: runs a case and then the normal module in one sandbox on
// harness.html, marks each case for the main-thread watch (e2e/long-tasks.ts), and brings results
// back as plain data.
import { expect, type Page } from "@playwright/test";
import type { ExecuteOptions, WasmSandboxConfig } from "../../src/sandbox";
import { EngineHarness, type PlainResult } from "../engine-harness";

export type PlainRun = Pick<
  PlainResult,
  | "success"
  | "value"
  | "output"
  | "stderr"
  | "error"
  | "errorKind"
  | "exitCode"
  | "fuelConsumed"
  | "memoryUsedBytes"
>;

export interface CaseRun {
  /** undefined when the run did not settle within the case's bound. */
  result?: PlainRun;
  /** The normal module, run right after in the same sandbox. */
  normal?: PlainRun;
  wallMs: number;
  /** Runner workers terminated from outside (killRunnerAfterMs). */
  killed: number;
}

export interface CaseInput {
  /** Marked in the page (performance.mark) before the case runs: a watch's tasks name it. */
  label?: string;
  bytes: Uint8Array;
  config: WasmSandboxConfig;
  options?: Pick<ExecuteOptions, "entry" | "args">;
  boundMs: number;
  /** Abort the run this many ms after it starts (the user's Stop). */
  stopAfterMs?: number;
  /** Terminate the runner worker from outside this many ms after the run starts. */
  killRunnerAfterMs?: number;
}

/**
 * Installed before the page's own scripts: a Worker constructor that
 * remembers runner workers so a test can kill one from outside (a stand-in for the browser
 * killing a worker that ran out of memory, which cannot be provoked without risking the whole
 * renderer process).
 */
function instrumentPage(): void {
  const w = window as unknown as { __runnerWorkers: Worker[] };
  w.__runnerWorkers = [];
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (`${options?.name ?? ""} ${String(url)}`.includes("runner")) w.__runnerWorkers.push(this);
    }
  };
}

/** Marks the harness decoding a case's input in the page (not checked as the sandbox's work). */
export const INPUT_MARK = "hostile:input";

export class HostilePage {
  readonly engine: EngineHarness;

  constructor(readonly page: Page) {
    this.engine = new EngineHarness(page);
  }

  async open(): Promise<void> {
    await this.page.addInitScript(instrumentPage);
    await this.engine.open();
    await expect(this.page.locator("body[data-ready=true]")).toBeAttached();
  }

  /**
   * Runs the case, then `normal`, in one fresh sandbox with the case's config. Retried once if the
   * dev server reloads the page under it (it does when files change while tests run).
   */
  async runCase(input: CaseInput, normal: Uint8Array): Promise<CaseRun> {
    try {
      return await this.runCaseOnce(input, normal);
    } catch (error) {
      if (!String(error).includes("Execution context was destroyed")) throw error;
      return this.runCaseOnce(input, normal);
    }
  }

  private async runCaseOnce(input: CaseInput, normal: Uint8Array): Promise<CaseRun> {
    const arg = {
      b64: Buffer.from(input.bytes).toString("base64"),
      normalB64: Buffer.from(normal).toString("base64"),
      config: input.config,
      options: input.options ?? {},
      boundMs: input.boundMs,
      stopAfterMs: input.stopAfterMs,
      killRunnerAfterMs: input.killRunnerAfterMs,
      label: input.label,
    };
    // The dev server reloads the page once when a worker first pulls in a dependency it had not
    // optimised; wait for the library to be back rather than fail the case.
    await this.page.waitForFunction(() => window.sandboxLib !== undefined);
    // Receiving and decoding the test's input (megabytes for the bombs) is the harness's work,
    // not the sandbox's: marked before the message that carries it arrives (a task is named by
    // the last mark before it starts), and the case's own mark comes after it.
    await this.page.evaluate((mark) => performance.mark(mark), INPUT_MARK);
    return this.page.evaluate(async (a) => {
      const w = window as unknown as { __runnerWorkers: Worker[] };
      const decode = (b64: string) => {
        const s = atob(b64);
        const out = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
        return out;
      };
      const plain = (
        r: Awaited<ReturnType<InstanceType<typeof window.sandboxLib.WasmSandbox>["execute"]>>,
      ) => ({
        success: r.success,
        value: typeof r.value === "bigint" ? `${r.value}n` : r.value,
        output: r.output.slice(0, 200),
        stderr: r.stderr.slice(0, 200),
        error: r.error,
        errorKind: r.errorKind,
        exitCode: r.exitCode,
        fuelConsumed: r.fuelConsumed === undefined ? undefined : String(r.fuelConsumed),
        memoryUsedBytes: r.memoryUsedBytes,
      });
      const bytes = decode(a.b64);
      const normalBytes = decode(a.normalB64);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (a.label !== undefined) performance.mark(a.label);
      const runnersBefore = w.__runnerWorkers.length;
      let killed = 0;
      const sandbox = new window.sandboxLib.WasmSandbox(a.config);
      try {
        const controller = new AbortController();
        const started = performance.now();
        if (a.stopAfterMs !== undefined) setTimeout(() => controller.abort(), a.stopAfterMs);
        if (a.killRunnerAfterMs !== undefined) {
          setTimeout(() => {
            // Every runner spawned since this sandbox was made: the one running the guest is
            // among them (a closed sandbox may still spawn a spare late; killing it is harmless).
            for (const worker of w.__runnerWorkers.slice(runnersBefore)) {
              worker.terminate();
              killed++;
            }
          }, a.killRunnerAfterMs);
        }
        const settled = await Promise.race([
          sandbox.execute(bytes, { ...a.options, signal: controller.signal }),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), a.boundMs)),
        ]);
        const ended = performance.now();
        if (settled === undefined) return { wallMs: ended - started, killed };
        const normal = await sandbox.execute(normalBytes);
        return {
          result: plain(settled),
          normal: plain(normal),
          wallMs: ended - started,
          killed,
        };
      } finally {
        await sandbox.close();
      }
    }, arg);
  }
}
