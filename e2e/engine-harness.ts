// Page object for harness.html: runs fixtures through window.sandboxLib in the real page, with
// real workers, and brings results back as plain data (bigints as strings).
import { expect, type Page } from "@playwright/test";
import type { ExecuteOptions, WasmSandboxConfig } from "../src/sandbox";
import { watFixture } from "./fixtures/wat-fixtures";

export interface PlainResult {
  success: boolean;
  value?: unknown;
  output: string;
  stderr: string;
  error?: string;
  errorKind?: string;
  exitCode?: number;
  executionTimeMs: number;
  fuelConsumed?: string;
  fuelLimit?: string;
  memoryUsedBytes: number;
  timings: Record<string, number>;
  moduleBytes?: { original: number; instrumented: number };
  memoryLimitBytes: number;
  /** The guest's files after the run, decoded as UTF-8. */
  files?: Record<string, string>;
  /** Milliseconds from execute() to its result, measured in the page. */
  wallMs: number;
}

export interface Step {
  /** A WAT fixture (e2e/fixtures/engine/NAME.wat), or a URL the page fetches the module from. */
  fixture?: string;
  url?: string;
  options?: Omit<ExecuteOptions, "signal" | "onOutput">;
  /** Abort the run this many ms after it starts (the user's Stop). */
  stopAfterMs?: number;
}

export class EngineHarness {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("harness.html");
    await expect(this.page.locator("body[data-ready=true]")).toBeAttached();
    // The dev server may reload the page once, when the workers' first load makes it optimise
    // newly found dependencies; a warm-up run absorbs that before a test's own run starts.
    if (process.env.E2E_DEV === "1") {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await this.run("answer", {});
          return;
        } catch (error) {
          if (!String(error).includes("Execution context was destroyed")) throw error;
          await expect(this.page.locator("body[data-ready=true]")).toBeAttached();
        }
      }
    }
  }

  /**
   * page.evaluate, retried when the dev server reloads the page under it (it does once, the
   * first time a worker imports a dependency it had not optimised yet, e.g. the AS compiler).
   */
  async evaluate<R, A = undefined>(fn: (arg: A) => Promise<R>, arg?: A): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      try {
        // Plain data only crosses here, so Playwright's unboxing of the argument changes nothing.
        return await this.page.evaluate(fn as (arg: unknown) => Promise<R>, arg);
      } catch (error) {
        // Mid-reload the old context is gone, or the new page has not set sandboxLib yet.
        const reloaded = /Execution context was destroyed|reading 'WasmSandbox'/.test(
          String(error),
        );
        if (!reloaded || process.env.E2E_DEV !== "1" || attempt >= 2) throw error;
        await expect(this.page.locator("body[data-ready=true]")).toBeAttached();
      }
    }
  }

  /** Runs the steps in order, in one sandbox made with `config`. */
  async runInOneSandbox(config: WasmSandboxConfig, steps: Step[]): Promise<PlainResult[]> {
    const prepared = await Promise.all(
      steps.map(async (step) => ({
        ...step,
        bytes: step.fixture === undefined ? undefined : await watFixture(step.fixture),
      })),
    );
    const results = await this.evaluate(
      async ({ config, prepared }) => {
        const sandbox = new window.sandboxLib.WasmSandbox(config);
        const results = [];
        try {
          for (const step of prepared) {
            const controller = new AbortController();
            if (step.stopAfterMs !== undefined)
              setTimeout(() => controller.abort(), step.stopAfterMs);
            const bytes = step.bytes
              ? new Uint8Array(step.bytes)
              : new Uint8Array(await (await fetch(step.url!)).arrayBuffer());
            const started = performance.now();
            const r = await sandbox.execute(bytes, {
              ...step.options,
              signal: controller.signal,
            });
            results.push({
              ...r,
              value: typeof r.value === "bigint" ? String(r.value) : r.value,
              fuelConsumed: r.fuelConsumed === undefined ? undefined : String(r.fuelConsumed),
              fuelLimit: r.fuelLimit === undefined ? undefined : String(r.fuelLimit),
              files:
                r.files &&
                Object.fromEntries(
                  Object.entries(r.files).map(([path, data]) => [
                    path,
                    new TextDecoder().decode(data),
                  ]),
                ),
              wallMs: performance.now() - started,
            });
          }
        } finally {
          await sandbox.close();
        }
        return results as unknown;
      },
      { config, prepared },
    );
    return results as PlainResult[];
  }

  async run(
    fixture: string,
    config: WasmSandboxConfig,
    options?: Step["options"],
  ): Promise<PlainResult> {
    const [result] = await this.runInOneSandbox(config, [{ fixture, options }]);
    return result!;
  }

  /** Runs the module the page fetches from `url` (e.g. a file under public/). */
  async runUrl(
    url: string,
    config: WasmSandboxConfig,
    options?: Step["options"],
  ): Promise<PlainResult> {
    const [result] = await this.runInOneSandbox(config, [{ url, options }]);
    return result!;
  }
}
