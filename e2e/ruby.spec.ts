// Ruby as a language of the page: the bundled CRuby 3.4 is fetched on the first run only (with
// progress, then from Cache Storage), instrumented and compiled in workers, and runs the
// editor's script through the engine's "ruby-wasm" driver. A dropped CRuby is offered for Ruby.
// The journeys share one page (serial), so CRuby is downloaded and instrumented once for all of
// them; a second tab opens a link. Main-thread tasks are checked by CPU time (watchMainThread).
import { createRequire } from "node:module";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { watchMainThread, type MainThreadReport } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";

const RUBY_TIMEOUT = 180_000;
const CRUBY_PATH = createRequire(import.meta.url).resolve(
  "@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm",
);
const isCRubyAsset = (url: string) =>
  /ruby[+_]stdlib[^/]*\.wasm($|\?)/.test(decodeURIComponent(url)) && !url.includes("__fixtures__");

/** Marks the page's timeline, so the watch tells which step a task belongs to. */
async function step(page: Page, label: string): Promise<void> {
  await page.evaluate((l) => performance.mark(l), label);
}

/** Logs the longest task after each step (the report's figures per stage). */
function logSteps(report: MainThreadReport, labels: string[]): void {
  for (const label of labels) console.log(`  ${label}: ${report.after(label).summary()}`);
}

test.describe("Ruby", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(RUBY_TIMEOUT * 2);

  let context: BrowserContext;
  let pg: PlaygroundPage;
  const cRubyRequests: string[] = [];

  test.beforeAll(async ({ browser }, info) => {
    context = await browser.newContext({ baseURL: info.project.use.baseURL });
    context.on("request", (r) => isCRubyAsset(r.url()) && cRubyRequests.push(r.url()));
    pg = new PlaygroundPage(await context.newPage());
    await pg.recordPhases();
  });

  test.afterAll(async () => {
    await context.close();
  });

  test("choosing Ruby and running puts 6 * 7 prints 42; CRuby comes once, with progress; a Ruby exception exits 1", async () => {
    const { page } = pg;
    await pg.open();
    // Monaco's start-up is not this journey: the watch starts once the editor is ready.
    await expect(page.getByTestId("editor")).toHaveAttribute("data-ready", "true", {
      timeout: RUBY_TIMEOUT,
    });
    const watch = await watchMainThread(page);
    await page.getByTestId("lang-ruby").click();
    await expect(page.getByTestId("lang-ruby")).toHaveAttribute("aria-checked", "true");
    await expect(pg.fileName).toHaveText("main.rb");
    // Ruby's own limits replace the page's untouched defaults.
    expect(await page.evaluate(() => window.playground!.getLimits())).toMatchObject({
      fuel: "10000000000",
      memoryMiB: 256,
      timeoutMs: 30_000,
    });
    await pg.setSource("puts 6 * 7", "ruby");
    await page.waitForTimeout(1_500); // past the auto-compile delay: typing fetches nothing
    expect(cRubyRequests).toEqual([]);

    await step(page, "first run");
    await pg.runAndExpect("success", RUBY_TIMEOUT);
    expect((await pg.lastRun()).output).toBe("42\n");
    await expect(pg.console).toContainText("42");
    expect(cRubyRequests).toHaveLength(1);
    const phases = await pg.seenPhases();
    expect(phases.some((p) => /Downloading CRuby 3\.4 .*: [\d.]+ of 29\.2 MiB/.test(p))).toBe(true);
    expect(phases.some((p) => p.startsWith("Instrumenting CRuby (29.2 MiB;"))).toBe(true);
    await pg.screenshot("ruby-01-first-run");

    // Other scripts run on the same CRuby: not fetched, not instrumented again.
    await step(page, "second run");
    await pg.setSource('puts [1, 2, 3].sum { _1 * 2 }\nwarn "to stderr"', "ruby");
    await pg.runAndExpect("success", RUBY_TIMEOUT);
    expect(await pg.lastRun()).toMatchObject({ output: "12\n", stderr: "to stderr\n" });

    await step(page, "exception");
    await pg.setSource("puts 1\nraise ArgumentError, 'boom'", "ruby");
    await pg.runAndExpect("exit", RUBY_TIMEOUT);
    const raised = await pg.lastRun();
    expect(raised.output).toBe("1\n");
    expect(raised.stderr).toContain("main.rb:2:in");
    expect(raised.stderr).toContain("boom (ArgumentError)");
    expect(cRubyRequests).toHaveLength(1);

    // A profiled run: CRuby's profile (thousands of functions) opens in the Profile tab, held to
    // the same main-thread limit; the time from Run to the profile shown is logged.
    await step(page, "profiled run");
    await pg.setSource("puts 6 * 7", "ruby");
    await page.getByTestId("profile-runs").check();
    const started = Date.now();
    await pg.run();
    const summary = page.getByTestId("profile-summary");
    await expect(summary).toBeVisible({ timeout: RUBY_TIMEOUT });
    await expect(page.getByTestId("profile-row").first()).toBeVisible();
    console.log(
      `  CRuby profile of puts 6 * 7 shown ${Date.now() - started} ms after Run: ${await summary.textContent()}`,
    );
    const timings = await page.evaluate(() => window.playground!.lastResult()?.timings);
    console.log(`  its phases (ms): ${JSON.stringify(timings)}`);
    await page.getByTestId("profile-runs").uncheck();

    // CRuby is downloaded (and read back from Cache Storage) in a worker of its own and kept in
    // shared memory, so no step here copies its 30 MB on the main thread: the first run is held
    // to the limit like the others (it was 281-372 ms CPU when the page read the body itself).
    const report = await watch.expectNoLongTask(
      "Ruby: first run, second run, exception, profiled run",
    );
    logSteps(report, ["first run", "second run", "exception", "profiled run"]);
  });

  test("dropping ruby+stdlib.wasm offers Ruby instead of its exports; Ruby then runs on it", async () => {
    const { page } = pg;
    // The test's copy of npm @ruby/3.4-wasm-wasi's module, served to the page to build the drop.
    await page.route("**/__fixtures__/ruby+stdlib.wasm", (route) =>
      route.fulfill({ path: CRUBY_PATH, contentType: "application/wasm" }),
    );
    const scriptBefore = await pg.getSource();
    const data = await page.evaluateHandle(async () => {
      const bytes = await (await fetch("__fixtures__/ruby+stdlib.wasm")).arrayBuffer();
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "ruby+stdlib.wasm", { type: "application/wasm" }));
      return dt;
    });
    const watch = await watchMainThread(page);
    await step(page, "drop");
    const target = page.getByTestId("editor");
    await target.dispatchEvent("dragenter", { dataTransfer: data });
    await target.dispatchEvent("dragover", { dataTransfer: data });
    await target.dispatchEvent("drop", { dataTransfer: data });

    const offer = pg.notice.filter({ hasText: "ruby+stdlib.wasm is CRuby: run Ruby with it" });
    await expect(offer).toBeVisible({ timeout: 60_000 });
    // Not opened as a binary: the Ruby script stays, no export of CRuby is offered to pick.
    await expect(pg.fileName).toHaveText("main.rb");
    expect(await page.evaluate(() => window.playground!.getSource())).toEqual({
      text: scriptBefore,
      language: "ruby",
    });
    expect(await page.locator('option[value="wasi_vfs_pack_fs"]').count()).toBe(0);
    await pg.screenshot("ruby-02-dropped-offer");

    await step(page, "run on the dropped CRuby");
    await offer.getByRole("button", { name: "Run Ruby with it" }).click();
    await expect(page.getByTestId("lang-ruby")).toHaveAttribute("aria-checked", "true");
    await expect(page.getByTestId("ruby-runtime")).toContainText("ruby+stdlib.wasm");
    await pg.setSource("puts RUBY_VERSION.start_with?('3.4') ? 6 * 7 : 0", "ruby");
    await pg.runAndExpect("success", RUBY_TIMEOUT);
    expect((await pg.lastRun()).output).toBe("42\n");
    const report = await watch.expectNoLongTask("Ruby: drop CRuby, run Ruby on it");
    logSteps(report, ["drop", "run on the dropped CRuby"]);
  });

  test("a link carries the Ruby script and limits; another tab runs it on Run, CRuby from Cache Storage", async () => {
    const script = 'puts [1, 2, 3].sum { _1 * 2 }\nwarn "to stderr"';
    // The link names no runtime (a dropped CRuby stays in its page): the other tab uses the
    // bundled one, which the first run left in Cache Storage.
    await pg.setSource(script, "ruby");
    await pg.setLimits({ fuel: 2_000_000_000 });
    await pg.page.getByTestId("share").click();
    await expect(pg.page).toHaveURL(/#s1\//);
    const link = pg.page.url();
    const requestsBefore = cRubyRequests.length;

    const other = new PlaygroundPage(await context.newPage());
    await other.recordPhases();
    await other.open(link);
    // The page's own start-up is not this journey: the watch starts once the editor is ready.
    await expect(other.page.getByTestId("editor")).toHaveAttribute("data-ready", "true", {
      timeout: RUBY_TIMEOUT,
    });
    const watch = await watchMainThread(other.page);
    await expect(other.page.getByTestId("lang-ruby")).toHaveAttribute("aria-checked", "true");
    expect(await other.getSource()).toBe(script);
    expect(await other.page.evaluate(() => window.playground!.getLimits())).toMatchObject({
      fuel: "2000000000",
      memoryMiB: 256,
    });
    await expect(other.page.getByTestId("compile-held")).toHaveText(
      "Opened code: it runs when you press Run",
    );
    await other.page.waitForTimeout(1_500);
    expect(cRubyRequests).toHaveLength(requestsBefore);

    // Reviewed against Ruby's own defaults (10 G fuel, 256 MiB), the link's limits are lower:
    // shown, and Run does not ask.
    await expect(other.page.getByTestId("limit-ask-fuel")).toHaveText(
      "Fuel budget 2.00G (default 10.0G)",
    );
    await expect(other.page.getByTestId("limit-ask-fuel")).toHaveAttribute("data-above", "false");
    await expect(other.page.getByTestId("limit-ask-memory")).toHaveCount(0);

    await step(other.page, "run from the link");
    await other.runAndExpect("success", RUBY_TIMEOUT);
    await expect(other.page.getByTestId("limits-confirm")).toHaveCount(0);
    expect(await other.lastRun()).toMatchObject({ output: "12\n", stderr: "to stderr\n" });
    expect(cRubyRequests).toHaveLength(requestsBefore);
    expect((await other.seenPhases()).some((p) => p.includes("from the browser cache"))).toBe(true);

    // The link's fuel budget holds: an endless loop ends as fuel_exhausted at exactly 2 G.
    await step(other.page, "endless loop");
    await other.setSource("loop {}", "ruby");
    await other.runAndExpect("fuel_exhausted", RUBY_TIMEOUT);
    expect((await other.lastRun()).fuel).toBe("2000000000");
    const report = await watch.expectNoLongTask(
      "Ruby: link, CRuby from Cache Storage, endless loop",
    );
    logSteps(report, ["run from the link", "endless loop"]);
  });
});
