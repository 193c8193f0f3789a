// The main-thread check itself (e2e/long-tasks.ts): a task that burns 300 ms of CPU fails it on
// any machine, and time the main thread spends waiting does not count.
import { expect, test, type Page } from "@playwright/test";
import { MAIN_THREAD_CPU_LIMIT_MS, watchMainThread } from "./long-tasks";

/** Runs `iterations` of integer work in one timer task after marking `label`. */
async function spin(page: Page, label: string, iterations: number): Promise<void> {
  await page.evaluate(
    ([label, n]) =>
      new Promise<number>((resolve) => {
        performance.mark(label);
        setTimeout(() => {
          let x = 0;
          for (let i = 0; i < n; i++) x = (x * 31 + i) | 0;
          resolve(x);
        }, 0);
      }),
    [label, iterations] as const,
  );
}

/**
 * Iterations that take about `cpuMs` of main-thread CPU, measured with the watch itself: a
 * spin bounded by wall time would burn less CPU on a loaded machine and prove nothing.
 */
async function iterationsFor(page: Page, cpuMs: number): Promise<number> {
  let n = 5_000_000;
  for (let round = 0; round < 8; round++) {
    const watch = await watchMainThread(page);
    await spin(page, "calibrate", n);
    const used = (await watch.stop()).after("calibrate").longestCpuMs;
    // The first rounds also tier the loop up; only a long enough, warm one is trusted.
    if (used >= 60 && round > 0) return Math.ceil((n * cpuMs) / used);
    // Grow a spin too short to trust (one of 30-59 ms kept its size for ever before).
    if (used < 60) n *= used < 15 ? 4 : 2;
  }
  throw new Error("could not calibrate a CPU-bound spin");
}

test("a task that uses 300 ms of main-thread CPU fails the check; waiting does not count", async ({
  page,
}) => {
  await page.goto("/harness.html");
  const iterations = await iterationsFor(page, 400);

  const watch = await watchMainThread(page);
  await page.evaluate(() => {
    performance.mark("waiting");
    return new Promise((resolve) => setTimeout(resolve, 400));
  });
  await spin(page, "busy", iterations);
  const report = await watch.stop();
  console.log(`busy task: ${JSON.stringify(report.after("busy").tasks)}`);

  expect(report.after("waiting").longestCpuMs).toBeLessThan(MAIN_THREAD_CPU_LIMIT_MS);
  const busy = report.after("busy");
  expect(busy.longestCpuMs).toBeGreaterThan(300);
  // Thread time never exceeds wall time (a few ms of rounding aside).
  for (const t of report.tasks) expect(t.cpuMs).toBeLessThanOrEqual(t.wallMs + 2);
  expect(report.over(MAIN_THREAD_CPU_LIMIT_MS)).toEqual(busy.over(MAIN_THREAD_CPU_LIMIT_MS));
  expect(busy.over(MAIN_THREAD_CPU_LIMIT_MS)).toHaveLength(1);
  // A task over the limit says what ran in it: here the timer's script.
  expect(busy.over(MAIN_THREAD_CPU_LIMIT_MS)[0]?.inside?.join("; ")).toMatch(/FunctionCall/);
});

test("expectNoLongTask fails a journey with such a task and passes one without", async ({
  page,
}) => {
  await page.goto("/harness.html");
  const iterations = await iterationsFor(page, 400);

  const quiet = await watchMainThread(page);
  await spin(page, "short", Math.ceil(iterations / 20));
  await quiet.expectNoLongTask("a 20 ms task");

  const busy = await watchMainThread(page);
  await spin(page, "busy", iterations);
  await expect(busy.expectNoLongTask("a 400 ms task")).rejects.toThrow(
    `over ${MAIN_THREAD_CPU_LIMIT_MS} ms CPU`,
  );
});
