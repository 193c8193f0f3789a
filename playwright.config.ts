import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./scripts/chromium.mjs";

const port = Number(process.env.E2E_PORT ?? 4173);
// E2E_DEV=1 runs against the dev server (fast iteration); the default is the production build.
const useDevServer = process.env.E2E_DEV === "1";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Two journeys share two cores, so one may take twice its quiet time: the longest on the
  // default took 29 s here (15.7 s alone); a journey that needs longer says so itself.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // Two journeys at a time, dealt out one by one (a serial group stays together): a journey
  // mostly waits on the page's workers and Chromium's compiles, so one at a time left a 2-core
  // machine half idle. 135 journeys here: 13.5 min one at a time; two at a time 10.5 min dealt
  // by spec file (one worker idle at the end) and 9.9 min dealt one by one (both busy to within
  // 3 s of the end). The main-thread checks read thread CPU time, which waiting for a core does
  // not inflate. E2E_WORKERS=1 for a quiet run.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    screenshot: "only-on-failure",
    // A recorded trace costs several times a journey's own time on a 2-core machine (measured:
    // 17 example journeys took 250–669 s traced vs 77–250 s untraced); E2E_TRACE=1 records one
    // for each journey and keeps those that fail.
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  webServer: {
    command: useDevServer
      ? `npx vite --port ${port} --strictPort --host 127.0.0.1`
      : `npx vite build && npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
