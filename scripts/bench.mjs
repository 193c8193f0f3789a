// npm run bench: figures measured side by side in one run, in headless Chromium, on the
// production build. Prints one table (figure, value, target, met?) and writes bench-results/.
// Options: --reps N (default 7), --no-build (reuse dist/), --skip-large (no CRuby figure).
// Metering overhead is judged on CPU time of the renderer's threads (Linux /proc), which the
// other processes of a shared machine do not inflate; wall-time ratios are printed beside it.
import { spawn, execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./chromium.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const reps = option("--reps", 7);
const port = option("--port", 4299);
const kernelParams = JSON.parse(readFileSync(join(root, "bench/kernels/params.json"), "utf8"));

function findRubyWasm() {
  const path = join(root, "node_modules/@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm");
  return existsSync(path) ? path : undefined;
}

const fixtures = new Map();
for (const file of readdirSync(join(root, "bench/kernels"))) {
  if (file.endsWith(".wasm")) fixtures.set(file, join(root, "bench/kernels", file));
}
const rubyPath = flag("--skip-large") ? undefined : findRubyWasm();
if (rubyPath) fixtures.set("ruby.wasm", rubyPath);

if (!flag("--no-build") || !existsSync(join(root, "dist/index.html"))) {
  execSync("npx vite build", { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

const server = spawn(
  "npx",
  ["vite", "preview", "--port", String(port), "--strictPort", "--host", "127.0.0.1"],
  { cwd: root, stdio: "ignore", detached: true },
);
const baseURL = `http://127.0.0.1:${port}/`;

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(baseURL)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("vite preview did not start");
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const geomean = (v) => Math.exp(v.reduce((a, x) => a + Math.log(x), 0) / v.length);
const spread = (v) =>
  `${Math.min(...v).toFixed(2)}–${median(v).toFixed(2)}–${Math.max(...v).toFixed(2)}`;

const rows = [];
const row = (figure, value, target, met) => rows.push({ figure, value, target, met });

try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...chromiumArgs,
      // performance.measureUserAgentSpecificMemory() answers at once instead of at the next GC.
      "--enable-blink-features=ForceEagerMeasureMemory",
    ],
  });
  const context = await browser.newContext();
  await context.route("**/bench-fixtures/*", (route) => {
    const name = new URL(route.request().url()).pathname.split("/").pop();
    const path = fixtures.get(name);
    if (!path) return route.fulfill({ status: 404 });
    return route.fulfill({
      body: readFileSync(path),
      headers: {
        "content-type": "application/wasm",
        "cross-origin-resource-policy": "same-origin",
      },
    });
  });

  // Page load: first contentful paint of the playground, production build, fresh context.
  const paints = [];
  for (let i = 0; i < 3; i++) {
    const page = await context.newPage();
    await page.goto(baseURL, { waitUntil: "load" });
    const fcp = await page.evaluate(async () => {
      for (let t = 0; t < 50; t++) {
        const entry = performance.getEntriesByName("first-contentful-paint")[0];
        if (entry) return entry.startTime;
        await new Promise((r) => setTimeout(r, 100));
      }
      return NaN;
    });
    paints.push(fcp);
    await page.close();
  }
  row(
    "first contentful paint (ms, min–median–max)",
    spread(paints),
    "< 1000",
    median(paints) < 1000,
  );

  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  // Resident set of the renderer processes (the page's workers are threads of its renderer).
  const cdp = await browser.newBrowserCDPSession();
  // CPU time of every thread of the renderer processes, in ms, from /proc/<pid>/task/*/schedstat
  // (ns). Summed per thread over threads alive at both reads, so a worker ending between them
  // drops out instead of making the difference negative.
  let lastThreads = new Map();
  const threadTimes = async () => {
    const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
    const times = new Map();
    for (const p of processInfo.filter((p) => p.type === "renderer")) {
      let tids;
      try {
        tids = readdirSync(`/proc/${p.id}/task`);
      } catch {
        continue;
      }
      for (const tid of tids) {
        try {
          times.set(
            tid,
            Number(readFileSync(`/proc/${p.id}/task/${tid}/schedstat`, "utf8").split(" ")[0]),
          );
        } catch {
          // the thread ended
        }
      }
    }
    return times;
  };
  let cpuClock = 0;
  await page.exposeFunction("rendererCpuMs", async () => {
    const now = await threadTimes();
    for (const [tid, ns] of now) {
      const before = lastThreads.get(tid);
      cpuClock += (ns - (before ?? 0)) / 1e6;
    }
    lastThreads = now;
    return cpuClock;
  });
  // Resident (VmRSS) or peak resident (VmHWM) bytes of the renderer processes. `resetPeak`
  // restarts the peak from now (writing 5 to clear_refs; Linux, and only our own processes).
  const rendererMemory = async (field = "VmRSS", { resetPeak = false } = {}) => {
    const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
    let bytes = 0;
    for (const p of processInfo.filter((p) => p.type === "renderer")) {
      try {
        if (resetPeak) writeFileSync(`/proc/${p.id}/clear_refs`, "5");
        const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(
          readFileSync(`/proc/${p.id}/status`, "utf8"),
        );
        if (kb) bytes += Number(kb[1]) * 1024;
      } catch {
        // the process is gone, or clear_refs is not writable here
      }
    }
    return bytes;
  };
  await page.exposeFunction("rendererRss", () => rendererMemory("VmRSS"));
  await page.goto(`${baseURL}bench.html`);
  await page.waitForSelector("body[data-ready=true]");

  const overhead = [];
  for (const [kernel, arg] of Object.entries(kernelParams)) {
    const figure = await page.evaluate(
      ([k, a, r]) => window.bench.overhead(k, a, r),
      [kernel, arg, reps],
    );
    overhead.push(figure);
    const ratios = figure.meteredMs.map((m, i) => m / figure.unmeteredMs[i]);
    const cpuRatios = figure.meteredCpuMs.map((m, i) => m / figure.unmeteredCpuMs[i]);
    const size = figure.instrumentedBytes / figure.originalBytes;
    row(
      `metering overhead ${kernel}, CPU time (per-pair ${spread(cpuRatios)}; wall ${figure.ratio.toFixed(3)}, per-pair ${spread(ratios)}; exact counter ${figure.exactCpuRatio.toFixed(3)}; size ×${size.toFixed(2)})`,
      figure.cpuRatio.toFixed(3),
      "≤ 1.15",
      figure.cpuRatio <= 1.15,
    );
  }
  const gm = geomean(overhead.map((f) => f.cpuRatio));
  const gmWall = geomean(overhead.map((f) => f.ratio));
  const gmExact = geomean(overhead.map((f) => f.exactCpuRatio));
  row(
    `metering overhead, geometric mean, CPU time (wall time: ${gmWall.toFixed(3)}; exact counter shape: ${gmExact.toFixed(3)})`,
    gm.toFixed(3),
    "≤ 1.05",
    gm <= 1.05,
  );
  for (const f of overhead) {
    row(
      `profiled overhead ${f.kernel} (execute's profile: true), CPU time (guest wall time ${f.profiledRatio.toFixed(3)})`,
      f.profiledCpuRatio.toFixed(3),
      "≤ 2 (aim)",
      f.profiledCpuRatio <= 2,
    );
  }
  const sizes = overhead.map((f) => f.instrumentedBytes / f.originalBytes);
  row(
    `instrumented ÷ original size, kernels (geomean; min–median–max ${spread(sizes)})`,
    geomean(sizes).toFixed(2),
    "—",
    true,
  );

  const latency = await page.evaluate((r) => window.bench.startLatency(r), Math.max(reps * 3, 20));
  row(
    "warm execute() → result, trivial module (ms, min–median–max)",
    spread(latency.warm),
    "≤ 3 median",
    median(latency.warm) <= 3,
  );
  row(
    "cold execute() → result, new sandbox (ms, min–median–max)",
    spread(latency.cold),
    "≤ 40 median",
    median(latency.cold) <= 40,
  );

  // Memory: page + workers as the browser measures them, before and after N sandboxes that
  // each ran a guest of 1 page, and each runner worker's bytes beyond its guest's memory.
  const mib = (b) => b / (1024 * 1024);
  const memory = await page.evaluate(() => window.bench.memoryPerSandbox(8, 1));
  row(
    `page + workers per sandbox (MiB; page ${mib(memory.pageBytesBefore).toFixed(1)} → ${mib(memory.pageBytesAfter).toFixed(1)} with ${memory.count} sandboxes)`,
    mib(memory.perSandboxBytes).toFixed(2),
    "—",
    true,
  );
  if (memory.rssBefore !== undefined) {
    const perSandbox = (memory.rssAfter - memory.rssBefore) / memory.count;
    row(
      `renderer resident set per sandbox, idle warm runner (MiB; ${mib(memory.rssBefore).toFixed(0)} → ${mib(memory.rssAfter).toFixed(0)} with ${memory.count} sandboxes)`,
      mib(perSandbox).toFixed(2),
      "≤ 5",
      mib(perSandbox) <= 5,
    );
  }
  // Idle runners hold no guest memory (each run gets a fresh runner), so this is the JS heap a
  // runner costs; the guest's pages are subtracted in case a runner still held them.
  const runnerBeyond = memory.runnerWorkerBytes.map((b) => mib(b - memory.guestBytes));
  row(
    `runner worker JS heap beyond the guest's memory (MiB; ${runnerBeyond.length} runners, min–median–max ${runnerBeyond.length ? spread(runnerBeyond) : "—"})`,
    runnerBeyond.length ? median(runnerBeyond).toFixed(2) : "n/a",
    "≤ 5",
    runnerBeyond.length > 0 && median(runnerBeyond) <= 5,
  );
  if (memory.toolchainWorkerBytes.length) {
    row(
      "toolchain worker, shared by all sandboxes of the page (MiB)",
      mib(memory.toolchainWorkerBytes[0]).toFixed(2),
      "—",
      true,
    );
  }

  let large;
  if (rubyPath) {
    const rssBefore = await rendererMemory("VmRSS", { resetPeak: true });
    large = await page.evaluate(() => window.bench.instrumentLarge("ruby.wasm"));
    const peakRise = (await rendererMemory("VmHWM")) - rssBefore;
    const mb = large.bytes / 1e6;
    const seconds = large.first.instrumentMs / 1000;
    row(
      `CRuby (${mb.toFixed(1)} MB) instrument in the toolchain worker (s; wall incl. transfer ${(large.first.wallMs / 1000).toFixed(2)})`,
      seconds.toFixed(2),
      "—",
      true,
    );
    row(
      "CRuby: peak memory of the page's renderer above its level before (MiB; fetch, copies, instrument, cache)",
      (peakRise / 1024 / 1024).toFixed(0),
      "—",
      true,
    );
    row("instrumentation throughput (MB/s)", (mb / seconds).toFixed(1), "≥ 10", mb / seconds >= 10);
    row(
      "same module again: instrument (ms, served from the cache)",
      large.second.instrumentMs.toFixed(1),
      "≈ 0",
      large.second.instrumentMs < 1,
    );
    row(
      "instrumented size ÷ original (CRuby)",
      (large.first.size / large.bytes).toFixed(3),
      "—",
      true,
    );
  } else {
    row("CRuby instrumentation", "skipped", "@ruby/3.4-wasm-wasi installed", false);
  }

  const chunks = readdirSync(join(root, "dist/assets"))
    .map((f) => ({ file: f, bytes: statSync(join(root, "dist/assets", f)).size }))
    .sort((a, b) => b.bytes - a.bytes);

  await browser.close();

  const width = Math.max(...rows.map((r) => r.figure.length));
  console.log(`\n${"figure".padEnd(width)}  value                 target        met?`);
  for (const r of rows) {
    console.log(
      `${r.figure.padEnd(width)}  ${String(r.value).padEnd(20)}  ${r.target.padEnd(12)}  ${r.met ? "yes" : "NO"}`,
    );
  }
  console.log("\nLargest chunks of the production build:");
  for (const c of chunks.slice(0, 12))
    console.log(`  ${(c.bytes / 1024).toFixed(0).padStart(7)} KiB  ${c.file}`);

  mkdirSync(join(root, "bench-results"), { recursive: true });
  const out = join(
    root,
    "bench-results",
    `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  );
  writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        reps,
        rows,
        overhead,
        latency,
        memory,
        large,
        chunks,
        paints,
      },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${out}`);
} finally {
  try {
    process.kill(-server.pid);
  } catch {
    // already gone
  }
}
