// The hostile corpus (src/hostile) end to end: every case through the real toolchain and runner
// workers on harness.html, each followed by a normal module in the same sandbox, with the page's
// main-thread tasks watched throughout (their CPU time, e2e/long-tasks.ts). Cases are batched per
// area in one page, so the whole suite costs a few page loads, not one per case.
import { expect, test } from "@playwright/test";
import { AREAS, type Area, type HostileCase } from "../src/hostile/case-types";
import { HOSTILE_CASES, NORMAL } from "../src/hostile/cases";
import { manyFunctions } from "../src/hostile/generators";
import { corpusWasm } from "../src/hostile/wat";
import { HostilePage, INPUT_MARK, type CaseRun } from "./hostile/hostile-page";
import { MAIN_THREAD_CPU_LIMIT_MS, MainThreadReport, watchMainThread } from "./long-tasks";

const DEFAULT_BOUND_MS = 15_000;

/** fuelConsumed of the normal module in a fresh sandbox: every later run must match it. */
let normalBytes: Uint8Array;
let normalFuel: string | undefined;

/** Everything wrong with one case's run, as lines (empty: the case held). */
function problemsOf(c: HostileCase, run: CaseRun, tasks: MainThreadReport): string[] {
  const out: string[] = [];
  const r = run.result;
  if (!r) return [`did not settle within ${c.boundMs ?? DEFAULT_BOUND_MS} ms`];
  const e = c.expect;
  const got = `got ${r.errorKind ?? "success"}: ${r.error ?? JSON.stringify(r.value)}`;
  if ("success" in e) {
    if (!r.success) out.push(`expected success; ${got}`);
    else if (e.value !== undefined && r.value !== e.value)
      out.push(`expected value ${e.value}; ${got}`);
  } else {
    if (r.errorKind !== e.kind || r.success) out.push(`expected ${e.kind}; ${got}`);
    for (const pattern of e.message ?? []) {
      if (!pattern.test(r.error ?? "")) out.push(`message lacks ${pattern}: ${r.error}`);
    }
    if (e.outputPrefix !== undefined && !r.output.startsWith(e.outputPrefix)) {
      out.push(
        `output should start with ${JSON.stringify(e.outputPrefix)}: ${JSON.stringify(r.output)}`,
      );
    }
  }
  if (e.exitCode !== undefined && r.exitCode !== e.exitCode) {
    out.push(`expected exit code ${e.exitCode}; got ${r.exitCode}`);
  }
  const n = run.normal;
  if (!n?.success || n.value !== NORMAL.value || n.fuelConsumed !== normalFuel) {
    out.push(`the normal module after it: ${JSON.stringify(n)}`);
  }
  const long = tasks.over(MAIN_THREAD_CPU_LIMIT_MS);
  if (long.length > 0) {
    out.push(
      `main-thread tasks: ${long.map((t) => `${t.cpuMs} ms CPU (${t.wallMs} wall)`).join(", ")}`,
    );
  }
  return out;
}

test.describe("hostile corpus", () => {
  let page: HostilePage;

  test.beforeAll(async ({ browser }) => {
    const p = await browser.newPage();
    page = new HostilePage(p);
    await page.open();
    normalBytes = await NORMAL.bytes();
    const baseline = await page.runCase(
      { bytes: normalBytes, config: {}, boundMs: DEFAULT_BOUND_MS },
      normalBytes,
    );
    expect(baseline.result, baseline.result?.error).toMatchObject({
      success: true,
      value: NORMAL.value,
    });
    normalFuel = baseline.result!.fuelConsumed;
  });

  const byArea = (area: Area) => HOSTILE_CASES.filter((c) => c.area === area);
  for (const area of AREAS) {
    test(`${area}: ${byArea(area).length} cases`, async () => {
      const cases = byArea(area);
      test.setTimeout(test.info().timeout + cases.reduce((n, c) => n + (c.boundMs ?? 0), 0));
      const problems: Record<string, string[]> = {};
      let slowest = { id: "", ms: 0 };
      const runs: [HostileCase, CaseRun][] = [];
      const watch = await watchMainThread(page.page);
      for (const c of cases) {
        const run = await page.runCase(
          {
            label: `case ${c.id}`,
            bytes: await c.bytes(),
            config: c.config,
            options: { entry: c.entry, args: c.args },
            boundMs: c.boundMs ?? DEFAULT_BOUND_MS,
          },
          normalBytes,
        );
        if (run.wallMs > slowest.ms) slowest = { id: c.id, ms: Math.round(run.wallMs) };
        runs.push([c, run]);
      }
      const tasks = await watch.stop();
      for (const [c, run] of runs) {
        const found = problemsOf(c, run, tasks.after(`case ${c.id}`));
        if (found.length > 0) problems[c.id] = found;
      }
      const between = tasks
        .over(MAIN_THREAD_CPU_LIMIT_MS)
        .filter((t) => t.after !== INPUT_MARK && !t.after?.startsWith("case "));
      if (between.length > 0) problems["(between cases)"] = between.map((t) => `${t.cpuMs} ms CPU`);
      // The figure checked is the sandbox's (each case's tasks and those between cases); the
      // harness decoding a case's base64 input in the page (megabytes for the bombs) is shown
      // apart, unchecked: it is the test's own work, not the page's.
      const sandbox = new MainThreadReport(tasks.tasks.filter((t) => t.after !== INPUT_MARK));
      const input = tasks.after(INPUT_MARK);
      console.log(
        `hostile ${area}: ${cases.length} cases, sandbox ${sandbox.summary()}; harness input decoding (unchecked) ${input.summary()}; slowest ${slowest.id} ${slowest.ms} ms`,
      );
      expect(problems).toEqual({});
    });
  }
});

test.describe("hostile: Stop and crash", () => {
  let page: HostilePage;
  test.beforeAll(async ({ browser }) => {
    page = new HostilePage(await browser.newPage());
    await page.open();
    normalBytes = await NORMAL.bytes();
  });

  for (const file of ["endless-loop-br.wat", "endless-start.wat", "endless-host-calls.wat"]) {
    test(`Stop ends ${file} at once, metered or not, and the sandbox stays usable`, async () => {
      const watch = await watchMainThread(page.page);
      for (const config of [{ timeoutMs: 60_000 }, { timeoutMs: 60_000, maxFuel: 1e15 }]) {
        const run = await page.runCase(
          { bytes: await corpusWasm(file), config, boundMs: 10_000, stopAfterMs: 150 },
          normalBytes,
        );
        expect(run.result, run.result?.error).toMatchObject({ errorKind: "timeout" });
        // "At once" is boundMs: a Stop that did not end the run leaves it unsettled there.
        expect(run.result!.error).toContain("stopped by the user");
        expect(run.normal).toMatchObject({ success: true, value: NORMAL.value });
      }
      await watch.expectNoLongTask(`Stop ${file}`);
    });
  }

  test("Stop while a 50,000-function module is being instrumented ends the run", async () => {
    const run = await page.runCase(
      {
        bytes: manyFunctions(50_000),
        config: { timeoutMs: 60_000 },
        boundMs: 20_000,
        stopAfterMs: 20,
      },
      normalBytes,
    );
    expect(run.result, run.result?.error).toMatchObject({ errorKind: "timeout" });
    expect(run.result!.error).toContain("stopped by the user");
    expect(run.normal).toMatchObject({ success: true, value: NORMAL.value });
  });

  test("a runner killed mid-run (as an out-of-memory kill would) is a crash; the next run works", async () => {
    const run = await page.runCase(
      {
        bytes: await corpusWasm("endless-loop-br.wat"),
        config: { timeoutMs: 60_000 },
        boundMs: 20_000,
        killRunnerAfterMs: 300,
      },
      normalBytes,
    );
    expect(run.killed, "runner workers terminated").toBeGreaterThan(0);
    expect(run.result, run.result?.error).toMatchObject({ errorKind: "crash", success: false });
    // Noticed by the worker's death, not by the 60 s watchdog (which would end it as a timeout,
    // and which boundMs does not wait for). No bound on wall time: a busy machine stretches it.
    expect(run.result!.error).toContain("died unexpectedly");
    expect(run.normal).toMatchObject({ success: true, value: NORMAL.value });
  });
});
