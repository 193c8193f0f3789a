// Issue 19's promise, checked: the same module, inputs and limits give the same outcome, value,
// output, files and fuelConsumed in Node (the package's Node build, worker_threads, as a library
// user gets it) and in Chromium (harness.html, Web Workers). One set of cases, run on both: every
// example of the catalog that is WAT or a prebuilt binary (C on WASI with files, argv, env and
// stdin included) and ends on its own (a timeout has no fixed fuel). Also logs the start figures:
// cold (a fresh runtime's first run) and warm (a run in a sandbox that has run) on each.
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, test } from "@playwright/test";
import { EXAMPLES } from "../src/examples/catalog";
import { exampleBytes } from "../src/examples/example-bytes.test-support";
import type { Example } from "../src/examples/types";
import type * as Library from "../src/sandbox";
import type { ExecuteOptions, ExecutionResult, WasmSandboxConfig } from "../src/sandbox";

const root = fileURLToPath(new URL("..", import.meta.url));

interface Case {
  id: string;
  b64: string;
  config: WasmSandboxConfig;
  options: Pick<ExecuteOptions, "entry" | "args" | "stdin" | "argv" | "env" | "files">;
}

/** What must be identical: everything a run reports but its timings. */
interface Comparable {
  success: boolean;
  value?: string;
  errorKind?: string;
  exitCode?: number;
  output: string;
  stderr: string;
  fuelConsumed?: string;
  memoryUsedBytes: number;
  files?: Record<string, string>;
}

function comparable(r: ExecutionResult): Comparable {
  const files = r.files
    ? Object.fromEntries(
        Object.entries(r.files).map(([path, data]) => [path, Buffer.from(data).toString("base64")]),
      )
    : undefined;
  return {
    success: r.success,
    value: r.value === undefined ? undefined : String(r.value),
    errorKind: r.errorKind,
    exitCode: r.exitCode,
    output: r.output,
    stderr: r.stderr,
    fuelConsumed: r.fuelConsumed === undefined ? undefined : String(r.fuelConsumed),
    memoryUsedBytes: r.memoryUsedBytes,
    files,
  };
}

function endsOnItsOwn(e: Example): boolean {
  const timesOut = !e.expected.success && e.expected.errorKind === "timeout";
  return e.language !== "assemblyscript" && !timesOut;
}

async function caseOf(e: Example): Promise<Case> {
  const io = e.io ?? {};
  return {
    id: e.id,
    b64: Buffer.from(await exampleBytes(e)).toString("base64"),
    config: {
      maxFuel: e.limits.maxFuel ?? undefined,
      maxMemoryBytes: e.limits.maxMemoryBytes,
      timeoutMs: e.limits.timeoutMs,
      allowedImports: e.allowedImports,
    },
    options: {
      entry: e.entry,
      args: e.args,
      stdin: io.stdin,
      argv: io.argv,
      env: io.env && Object.fromEntries(io.env),
      files: io.files?.map((f) => ({ path: f.path, data: f.text })),
    },
  };
}

/** The case the start figures are taken with: the original design's first test. */
const ANSWER_ID = "answer";

test("the same module gives the same result and fuel in Node and in Chromium", async ({ page }) => {
  test.setTimeout(180_000);
  const cases = await Promise.all(EXAMPLES.filter(endsOnItsOwn).map(caseOf));
  expect(cases.length).toBeGreaterThanOrEqual(10);
  const answer = cases.find((c) => c.id === ANSWER_ID)!;

  // Node: the package's Node build, built here (a few seconds) so it is this commit's code.
  execFileSync("npx", ["vite", "build", "-c", "vite.lib.config.ts", "--logLevel", "error"], {
    cwd: root,
    env: { ...process.env, LIB_TARGET: "node" },
  });
  const lib = (await import(pathToFileURL(`${root}dist-lib/node/index.js`).href)) as typeof Library;
  const runtime = lib.createNodeRuntime();
  const inNode: Record<string, Comparable> = {};
  let nodeStart: { coldMs: number; warmMs: number };
  try {
    const bytes = (c: Case) => new Uint8Array(Buffer.from(c.b64, "base64"));
    let t = performance.now();
    const first = new lib.WasmSandbox(answer.config, runtime);
    expect((await first.execute(bytes(answer), answer.options)).value).toBe(42);
    const coldMs = performance.now() - t;
    t = performance.now();
    await first.execute(bytes(answer), answer.options);
    nodeStart = { coldMs, warmMs: performance.now() - t };
    await first.close();
    for (const c of cases) {
      const sandbox = new lib.WasmSandbox(c.config, runtime);
      try {
        inNode[c.id] = comparable(await sandbox.execute(bytes(c), c.options));
      } finally {
        await sandbox.close();
      }
    }
  } finally {
    runtime.toolchain.dispose();
  }

  // Chromium: the same cases through the page's library and its Web Workers.
  await page.goto("harness.html");
  await expect(page.locator("body[data-ready=true]")).toBeAttached();
  const { chromiumStart, results } = await page.evaluate(
    async ({ cases, answerId }) => {
      const lib = window.sandboxLib;
      const bytes = (b64: string) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const answer = cases.find((c) => c.id === answerId)!;
      let t = performance.now();
      const first = new lib.WasmSandbox(answer.config);
      await first.execute(bytes(answer.b64), answer.options);
      const coldMs = performance.now() - t;
      t = performance.now();
      await first.execute(bytes(answer.b64), answer.options);
      const chromiumStart = { coldMs, warmMs: performance.now() - t };
      await first.close();
      // Returned whole (Playwright carries bigints and typed arrays); compared as in Node.
      const results: Record<string, ExecutionResult> = {};
      for (const c of cases) {
        const sandbox = new lib.WasmSandbox(c.config);
        try {
          results[c.id] = await sandbox.execute(bytes(c.b64), c.options);
        } finally {
          await sandbox.close();
        }
      }
      return { chromiumStart, results };
    },
    { cases, answerId: ANSWER_ID },
  );

  const round = (s: { coldMs: number; warmMs: number }) =>
    `cold ${Math.round(s.coldMs)} ms, warm ${s.warmMs.toFixed(1)} ms`;
  const figures = `start (answer.wat): Node ${round(nodeStart)}; Chromium ${round(chromiumStart)}`;
  console.log(figures);
  test.info().annotations.push({ type: "start", description: figures });
  // Fuel included for a stack overflow too: the stack budget ends it at the same depth on both
  // (it used to end where each thread's native stack did: 372,870 in Node, 47,838 in Chromium).
  for (const c of cases) {
    expect(comparable(results[c.id]!), `${c.id}: Chromium against Node`).toEqual(inNode[c.id]);
  }
  expect(Object.values(inNode).some((r) => r.errorKind === "stack_overflow")).toBe(true);
  // The set means something: it holds successes with fuel, failures, WASI output and files.
  const all = Object.values(inNode);
  expect(all.filter((r) => r.success && r.fuelConsumed !== undefined).length).toBeGreaterThan(3);
  expect(all.filter((r) => !r.success).length).toBeGreaterThan(2);
  expect(all.some((r) => r.files !== undefined && Object.keys(r.files).length > 0)).toBe(true);
});
