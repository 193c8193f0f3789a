// Share links and drafts (issue 4), as people use them: share, open the link in a fresh
// browser (another person), run once and get the same result; binaries and WASI input travel
// in the link; broken links change nothing; reload, back and forward behave.
// Code is set through window.playground; bad links are built with src/share's test support.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { linkWithDeflated, linkWithJson, zlibBomb } from "../src/share/test-support";
import { buildFixture } from "./fixtures/ui/build";
import { PlaygroundPage } from "./pages/playground-page";

const SOURCE = `;; shared by the e2e journey
(module
  (func (export "pow") (param $base i32) (param $n i32) (result i32)
    (local $r i32)
    (local.set $r (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $r (i32.mul (local.get $r) (local.get $base)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $r)))
`;

async function share(pg: PlaygroundPage): Promise<string> {
  const before = pg.page.url();
  await pg.page.getByTestId("share").click();
  await expect(pg.page).not.toHaveURL(before);
  await expect(pg.page).toHaveURL(/#s1\//);
  return pg.page.url();
}

/** Opens a link as another person would: a new browser context, nothing stored. */
async function openFresh(browser: Browser, url: string): Promise<PlaygroundPage> {
  const context = await browser.newContext();
  const other = new PlaygroundPage(await context.newPage());
  await other.open(url);
  return other;
}

/** The titles (first lines) of the saved drafts, newest first; pending edits are saved first. */
async function draftText(page: Page): Promise<string> {
  const drafts = await page.evaluate(() => window.playground!.drafts());
  return drafts.map((d) => d.title).join("\n");
}

test.describe("share links: the same program, limits, inputs and result elsewhere", () => {
  test("code, limits and arguments → fresh browser → one Run gives the same result and fuel", async ({
    page,
    browser,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(SOURCE);
    await pg.setLimits({ fuel: 5_000, timeoutMs: 3_000, memoryMiB: 16 });
    await pg.waitForExport("pow");
    await pg.entry.selectOption("pow");
    await pg.setArgs(["3", "7"]);
    await pg.runAndExpect("success");
    await expect(pg.value).toHaveText("2187");
    const fuel = (await pg.lastRun()).fuel;
    const url = await share(pg);
    await expect(page.getByTestId("share-size")).toContainText("chars");

    const other = await openFresh(browser, url);
    expect(await other.getSource()).toBe(SOURCE);
    // Never run by opening: untrusted code runs only when the person asks.
    await expect(other.outcome).toHaveAttribute("data-kind", "none");
    await expect(other.page.getByTestId("shared-verdict")).toContainText(`fuel ${fuel}`);
    // Opening compiles nothing: the exports come with the person's Compile.
    await expect(other.page.getByTestId("compile-held")).toBeVisible();
    await other.page.getByTestId("compile").click();
    await other.waitForExport("pow");
    await expect(other.entry).toHaveValue("pow");
    await expect(other.page.getByTestId("arg-0")).toHaveValue("3");
    await expect(other.page.getByTestId("arg-1")).toHaveValue("7");
    expect(await other.page.evaluate(() => window.playground!.getLimits())).toEqual({
      memoryMiB: 16,
      fuel: "5000",
      timeoutMs: 3_000,
      outputKiB: 1024,
    });
    await other.runAndExpect("success");
    await expect(other.value).toHaveText("2187");
    expect((await other.lastRun()).fuel).toBe(fuel);
    await expect(other.page.getByTestId("shared-verdict")).toHaveText(
      "✔ Same result and same fuel as when shared.",
    );
    await other.screenshot("share-opened-same-fuel");
    await other.page.context().close();
  });

  test("a shared fuel-exhausted run gives the same outcome elsewhere", async ({
    page,
    browser,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("fuel-hungry", false);
    await pg.setLimits({ fuel: 2_000_000 });
    await pg.runAndExpect("fuel_exhausted");
    const source = await pg.getSource();
    const url = await share(pg);
    await expect(pg.notice.last()).toContainText("Link (");

    const other = await openFresh(browser, url);
    expect(await other.getSource()).toBe(source);
    await other.tab("limits");
    await expect(other.page.getByTestId("limit-fuel")).toHaveValue("2000000");
    await other.tab("result");
    // The example's limits (timeout) are above the page's defaults: Run asks once.
    await other.run();
    await other.confirmLimits();
    await other.expectOutcome("fuel_exhausted");
    await expect(other.page.getByTestId("shared-verdict")).toHaveAttribute("data-same", "true");
    await other.screenshot("14-opened-link");
    await other.page.context().close();
  });

  test("a dropped .wasm travels inside the link and runs the same", async ({ page, browser }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.dropFile("dropped.wasm", await buildFixture("typed-args"));
    await expect(pg.fileName).toContainText("dropped.wasm");
    await pg.entry.selectOption("wide");
    await pg.setArgs(["9007199254740993"]);
    await pg.runAndExpect("success");
    await expect(pg.value).toHaveText("9007199254740994n");
    const url = await share(pg);

    const other = await openFresh(browser, url);
    await expect(other.fileName).toContainText("dropped.wasm");
    await expect(other.page.getByTestId("tab-module")).toBeVisible();
    await expect(other.entry).toHaveValue("wide");
    await expect(other.page.getByTestId("arg-0")).toHaveValue("9007199254740993");
    await other.runAndExpect("success");
    await expect(other.value).toHaveText("9007199254740994n");
    await expect(other.page.getByTestId("shared-verdict")).toHaveAttribute("data-same", "true");
    await other.page.context().close();
  });

  test("a shared binary example travels by its id and keeps its source link", async ({
    page,
    browser,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("wasi-wordcount", false);
    const builtFrom = (p: Page) => p.getByRole("link", { name: /^Built from / });
    await expect(builtFrom(page)).toBeVisible();
    const name = await builtFrom(page).textContent();
    const url = await share(pg);
    // Its 32 KiB module made a 17,740-character link; by id it is about a hundred.
    expect(new URL(url).hash.length).toBeLessThan(300);

    const other = await openFresh(browser, url);
    await expect(other.fileName).toContainText(".wasm");
    await expect(builtFrom(other.page)).toHaveText(name ?? "");
    await other.page.context().close();
  });

  test("a WASI program with files, argv, environment, stdin and real clocks round-trips", async ({
    page,
    browser,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("wasi-wordcount", false);
    await pg.waitForExport("_start");
    await pg.tab("files");
    await pg.dropFilesOn("files-drop", [{ name: "notes.md", text: "# notes\n" }]);
    await expect(page.getByTestId("input-file-/notes.md")).toBeVisible();
    const input = {
      stdin: "typed on stdin\n",
      argv: ["--verbose", "two words"],
      env: [
        ["LANG", "C"],
        ["EMPTY", ""],
      ] as [string, string][],
      deterministic: false,
    };
    await page.evaluate((i) => window.playground!.setInput(i), input);
    await pg.tab("result");
    await pg.runAndExpect("success");
    const url = await share(pg);

    const other = await openFresh(browser, url);
    expect(await other.page.evaluate(() => window.playground!.getInput())).toEqual({
      ...input,
      files: [
        { path: "/input.txt", text: "the quick brown fox\njumps over\n\nthe lazy dog\n" },
        { path: "/notes.md", text: "# notes\n" },
      ],
    });
    await expect(other.fileName).toContainText("wordcount.wasm");
    await expect(other.page.getByTestId("argv-1")).toHaveValue("two words");
    await expect(other.page.getByTestId("env-name-1")).toHaveValue("EMPTY");
    await expect(other.page.getByTestId("stdin")).toHaveValue("typed on stdin\n");
    await other.tab("limits");
    await expect(other.page.getByTestId("deterministic")).not.toBeChecked();
    await other.tab("files");
    await expect(other.page.getByTestId("input-file-/notes.md")).toBeVisible();
    await other.run();
    await other.confirmLimits(); // real clocks are above the page's defaults
    // The Files tab stays open after the run and shows what it wrote.
    await expect(other.page.getByTestId("file-viewer")).toHaveText(
      "lines: 4\nwords: 9\nbytes: 45\n",
      { timeout: 60_000 },
    );
    await other.tab("result");
    await other.expectOutcome("success");
    await expect(other.page.getByTestId("shared-verdict")).toHaveAttribute("data-same", "true");
    await other.page.context().close();
  });
});

test.describe("share links: broken links change nothing", () => {
  // Seven page loads in one journey.
  test.describe.configure({ timeout: 150_000 });
  const MINE = '(module (func (export "main") (result i32) (i32.const 7)))\n';

  async function withDraft(page: Page): Promise<PlaygroundPage> {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(MINE);
    await expect.poll(() => draftText(page), { timeout: 60_000 }).toContain("i32.const 7");
    return pg;
  }

  async function expectRefused(pg: PlaygroundPage, hash: string, why: RegExp): Promise<void> {
    // A fresh document each time: the link is read as the page loads.
    await pg.page.goto("about:blank");
    await pg.open(`/${hash}`);
    const notice = pg.notice.filter({ hasText: "cannot be opened" });
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText(why);
    await expect(notice).toContainText("Your work is unchanged");
    expect(await pg.getSource()).toBe(MINE);
    await expect.poll(() => draftText(pg.page), { timeout: 60_000 }).toContain("i32.const 7");
  }

  test("truncated, corrupted, future-version and bomb links each say why; the draft stays", async ({
    page,
  }) => {
    const pg = await withDraft(page);
    const good = new URL(await share(pg)).hash;
    await pg.open("/");
    await pg.setSource(MINE);
    await expect.poll(() => draftText(page), { timeout: 60_000 }).toContain("i32.const 7");

    await expectRefused(pg, good.slice(0, good.length - 12), /cut off/);
    const at = Math.floor(good.length / 2);
    const flipped = good.slice(0, at) + (good[at] === "A" ? "B" : "A") + good.slice(at + 1);
    await expectRefused(pg, flipped, /damaged/);
    await expectRefused(pg, "#s1/AAAA-this-is-not-a-real-link", /./);
    await expectRefused(
      pg,
      await linkWithJson(JSON.stringify({ v: 2, language: "wat", source: "(module)" })),
      /newer version/,
    );
    await expectRefused(pg, "#s7/AAAA", /newer version/);
    const unknownExample = { v: 1, language: "wasm", example: "no-such-example" };
    await expectRefused(
      pg,
      await linkWithJson(JSON.stringify(unknownExample)),
      /names the example “no-such-example”, which this version of the playground does not have/,
    );
    const bomb = linkWithDeflated(zlibBomb(40)); // ~55,000 characters that inflate to 40 MiB
    expect(bomb.length).toBeLessThan(65_536);
    await expectRefused(pg, bomb, /decompression bomb/);
    await pg.screenshot("15-bad-link");
  });

  test("a reload keeps the draft", async ({ page }) => {
    const pg = await withDraft(page);
    await pg.setLimits({ fuel: 12_345 });
    await page.evaluate(() => window.playground!.setInput({ argv: ["kept"] }));
    await draftText(page); // saves the pending edits
    await page.reload();
    await page.waitForFunction(() => window.playground !== undefined);
    await page.evaluate(() => window.playground!.ready);
    expect(await pg.getSource()).toBe(MINE);
    expect((await page.evaluate(() => window.playground!.getLimits())).fuel).toBe("12345");
    expect((await page.evaluate(() => window.playground!.getInput())).argv).toEqual(["kept"]);
  });

  test("opening a link keeps the previous draft one click away", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("answer", false);
    const link = await share(pg);
    const mine = '(module (func (export "main") (result i32) (i32.const 8)))\n';
    await pg.open("/");
    await pg.setSource(mine);
    await expect.poll(() => draftText(page)).toContain("i32.const 8");
    await pg.open(link);
    // Same document (only the hash changed): the page reacts to hashchange, then restores.
    await expect.poll(() => pg.getSource()).not.toBe(mine);
    await page.getByTestId("restore-draft").click();
    await expect.poll(() => pg.getSource()).toBe(mine);
  });
});

test.describe("share links: history", () => {
  test("back and forward between two shared states restore each", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    const first = '(module (func (export "main") (result i32) (i32.const 1)))\n';
    const second = '(module (func (export "main") (result i32) (i32.const 2)))\n';
    await pg.setSource(first);
    await pg.setLimits({ timeoutMs: 1_111 });
    const firstUrl = await share(pg);
    await pg.setSource(second);
    await pg.setLimits({ timeoutMs: 2_222 });
    const secondUrl = await share(pg);
    expect(secondUrl).not.toBe(firstUrl);

    const timeout = () => page.evaluate(() => window.playground!.getLimits().timeoutMs);
    await page.goBack();
    await expect(page).toHaveURL(firstUrl);
    await expect.poll(() => pg.getSource()).toBe(first);
    await expect.poll(timeout).toBe(1_111);
    await page.goForward();
    await expect(page).toHaveURL(secondUrl);
    await expect.poll(() => pg.getSource()).toBe(second);
    await expect.poll(timeout).toBe(2_222);
    await page.getByTestId("compile").click();
    await pg.waitForExport("main");
    await pg.runAndExpect("success");
    await expect(pg.value).toHaveText("2");
  });
});
