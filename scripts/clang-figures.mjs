// Figures for C/C++ in the page (issue 20), measured side by side in headless Chromium:
//   node scripts/clang-figures.mjs <dist-before> <dist-now> [--reps N] [--port P]
// Both builds are served by `vite preview` (this repo's config, so the same headers) on ports P
// and P+1. For each: the main chunk's bytes (raw and gzip) and the JavaScript index.html loads
// up front; first contentful paint, alternating the two builds, each load in a fresh context
// (cold cache). Then, on <dist-now>: the compiler's download size, a first compile (download,
// prepare, compile), a second compile, and a second page of the same context (Cache Storage:
// the requests for the compiler's files that reach the server are counted).
// Build the two dists with `npx vite build --outDir …` from the two commits.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./chromium.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const dists = argv.filter((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--"));
if (dists.length !== 2) throw new Error("usage: clang-figures.mjs <dist-before> <dist-now>");
const reps = option("--reps", 9);
const port = option("--port", 43040);
const names = ["before", "now"];
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

function chunks(dist) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const main = files.find((f) => /assets\/(main|index)-/.test(f));
  const size = (f) => {
    const bytes = readFileSync(join(dist, f));
    return { raw: bytes.length, gzip: gzipSync(bytes).length };
  };
  const initial = files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }));
  return { main: size(main), initial, count: files.length };
}

const servers = dists.map((dist, i) =>
  spawn(
    "npx",
    ["vite", "preview", "--outDir", resolve(dist), "--port", String(port + i), "--strictPort"],
    { stdio: "ignore", detached: true },
  ),
);
const url = (i) => `http://localhost:${port + i}/`;

async function waitForServer(base) {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start at ${base}`);
}

async function firstPaint(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base, { waitUntil: "load" });
  const fcp = await page.evaluate(async () => {
    for (let t = 0; t < 100; t++) {
      const entry = performance.getEntriesByName("first-contentful-paint")[0];
      if (entry) return entry.startTime;
      await new Promise((r) => setTimeout(r, 100));
    }
    return NaN;
  });
  await context.close();
  return fcp;
}

const HELLO = '#include <stdio.h>\nint main(void) { printf("hello %d\\n", 6 * 7); return 0; }\n';

/** Sets C source and compiles it through the page's API; returns the wall time of compile(). */
async function timedCompile(page, source) {
  return page.evaluate(async (text) => {
    const api = window.playground;
    await api.ready;
    api.setSource(text, "c");
    const started = performance.now();
    const outcome = await api.compile();
    if (!outcome.ok) throw new Error(outcome.message);
    return performance.now() - started;
  }, source);
}

async function compilerFigures(browser, base, dist) {
  const files = readdirSync(join(dist, "assets")).filter((f) => /^llvm[.-].*\.(wasm|tar)$/.test(f));
  const bytes = files.reduce((sum, f) => sum + statSync(join(dist, "assets", f)).size, 0);
  const context = await browser.newContext();
  const requests = [];
  context.on("request", (r) => {
    if (/\/llvm[.-][^/]*\.(wasm|tar)$/.test(new URL(r.url()).pathname)) requests.push(r.url());
  });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(base);
  const first = await timedCompile(page, HELLO);
  const second = await timedCompile(page, HELLO.replace("6 * 7", "6 * 8"));
  const firstVisitRequests = requests.length;
  // Let the cache writes finish (the 75 MB file is stored after it was read).
  await page.waitForTimeout(5000);
  const again = await context.newPage();
  await again.goto(base);
  const cached = await timedCompile(again, HELLO.replace("6 * 7", "6 * 9"));
  const secondVisitRequests = requests.length - firstVisitRequests;
  await context.close();
  return {
    files: files.length,
    bytes,
    first,
    second,
    cached,
    firstVisitRequests,
    secondVisitRequests,
  };
}

try {
  await Promise.all(dists.map((_, i) => waitForServer(url(i))));
  dists.forEach((dist, i) => {
    const c = chunks(dist);
    console.log(
      `${names[i]}: main chunk ${kB(c.main.raw)} (gzip ${kB(c.main.gzip)}); JS loaded up front ${c.count} files ${kB(c.initial.raw)} (gzip ${kB(c.initial.gzip)})`,
    );
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const paints = [[], []];
  for (let r = 0; r < reps; r++) {
    // Alternate which build goes first, so a drift of the machine's load hits both alike.
    for (const i of r % 2 ? [1, 0] : [0, 1]) paints[i].push(await firstPaint(browser, url(i)));
  }
  paints.forEach((p, i) =>
    console.log(
      `${names[i]}: first contentful paint median ${median(p).toFixed(0)} ms (${p.map((x) => x.toFixed(0)).join(", ")})`,
    ),
  );
  if (!argv.includes("--no-compile")) {
    const c = await compilerFigures(browser, url(1), dists[1]);
    console.log(
      `now: compiler ${c.files} files ${(c.bytes / 1e6).toFixed(1)} MB; first compile ${(c.first / 1000).toFixed(1)} s (download, prepare, compile), second ${(c.second / 1000).toFixed(2)} s; requests for its files: first page ${c.firstVisitRequests}, second page ${c.secondVisitRequests}; second page's first compile (from Cache Storage) ${(c.cached / 1000).toFixed(1)} s`,
    );
  }
  await browser.close();
} finally {
  for (const server of servers) {
    try {
      process.kill(-server.pid);
    } catch {
      // already gone
    }
  }
}
