// A link's raised limits are shown and confirmed before the first run; the console stays bounded
// and responsive under an output flood with the whole output downloadable; limit frictions.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { encodeState } from "../src/share";
import { defaultState } from "../src/share/state-schema";
import { watchMainThread } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";

const MAIN = `(module
  (func (export "main") (result i32) (i32.const 7)))`;

async function linkTo(limits: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const base = defaultState("wat", MAIN);
  const encoded = await encodeState({
    ...base,
    limits: { ...base.limits, ...limits },
    entry: "main",
    ...extra,
  });
  if (!encoded.ok) throw new Error(encoded.message);
  return `/${encoded.hash.startsWith("#") ? encoded.hash : `#${encoded.hash}`}`;
}

test.describe("a link's limits", () => {
  test("raised limits are listed and Run asks once; 'Use default limits' runs within them", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    const url = await linkTo(
      { maxFuel: null, maxMemoryBytes: 4096 * 1024 * 1024, timeoutMs: 600_000 },
      { allowedImports: ["env.*"], deterministic: false },
    );
    await pg.open(url);
    const review = page.getByTestId("limit-review");
    await expect(review).toContainText("This link asks for");
    await expect(review).toContainText("Fuel budget unlimited (default 100M)");
    await expect(review).toContainText("Memory cap 4 GiB (default 64 MiB)");
    await expect(review).toContainText("Timeout 600 s (default 5 s)");
    await expect(review).toContainText("Imports also allowed: env.*");
    await expect(review).toContainText("Real clocks and randomness");
    await pg.run();
    await expect(page.getByTestId("limits-confirm")).toBeVisible();
    await page.waitForTimeout(1_000);
    expect(await pg.historyCount()).toBe(0); // nothing ran before the answer
    await page.getByTestId("limits-use-defaults").click();
    await pg.expectOutcome("success");
    await expect(review).toHaveCount(0);
    const limits = await page.evaluate(() => window.playground!.getLimits());
    expect(limits).toMatchObject({ memoryMiB: 64, fuel: "100000000", timeoutMs: 5_000 });
    // Asked once: the next Run runs at once.
    await pg.runAndExpect("success");
  });

  test("'Run with these limits' keeps them; lower limits are shown and run without a question", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open(await linkTo({ timeoutMs: 30_000 }));
    await pg.run();
    await page.getByTestId("limits-confirm").click();
    await pg.expectOutcome("success");
    expect((await page.evaluate(() => window.playground!.getLimits())).timeoutMs).toBe(30_000);

    await pg.open(await linkTo({ maxFuel: "1000", timeoutMs: 1_000 }));
    await expect(page.getByTestId("limit-ask-fuel")).toContainText(
      "Fuel budget 1.00k (default 100M)",
    );
    await pg.runAndExpect("success");
  });
});

test("a 64 MiB output flood keeps the page responsive, the console bounded, the download whole", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.waitForEditor();
  // 64 × env.log of 1 MiB: lines of 63 "x" and a newline.
  await pg.setSource(`(module
    (import "env" "log" (func $log (param i32 i32)))
    (memory 16)
    (func (export "flood") (local $i i32)
      (memory.fill (i32.const 0) (i32.const 120) (i32.const 1048576))
      (loop $nl
        (i32.store8 (i32.add (local.get $i) (i32.const 63)) (i32.const 10))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br_if $nl (i32.lt_u (local.get $i) (i32.const 1048576))))
      (local.set $i (i32.const 0))
      (loop $out
        (call $log (i32.const 0) (i32.const 1048576))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $out (i32.lt_u (local.get $i) (i32.const 64))))))`);
  await page.evaluate(() =>
    window.playground!.setLimits({ outputKiB: 64 * 1024, timeoutMs: 120_000, fuel: 1_000_000_000 }),
  );
  await pg.waitForExport("flood");
  const watch = await watchMainThread(page); // start-up and compile are not this journey
  await pg.runAndExpect("success", 150_000);
  await watch.expectNoLongTask("output flood");

  const domChars = await pg.console.evaluate((el) => el.textContent?.length ?? 0);
  console.log(`output flood: console DOM text ${domChars} characters`);
  expect(domChars).toBeLessThan(100_000);
  await expect(page.getByTestId("console-hidden")).toContainText("earlier lines not shown");
  await expect(pg.console).toContainText("xxxxxxxx");

  const download = page.waitForEvent("download");
  await page.getByTestId("console-download").click();
  const file = await (await download).path();
  expect((await readFile(file)).length).toBe(64 * 1024 * 1024);
});

test.describe("limit frictions", () => {
  test("an example that changes the limits says what changed and Undo takes it back", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("infinite-loop", false);
    const notice = pg.notice.filter({ hasText: "set its limits" });
    await expect(notice).toContainText("Fuel budget unlimited (was 100M)");
    await expect(notice).toContainText("Timeout 1 s (was 5 s)");
    await notice.getByRole("button", { name: "Undo" }).click();
    const limits = await page.evaluate(() => window.playground!.getLimits());
    expect(limits).toMatchObject({ fuel: "100000000", timeoutMs: 5_000 });
  });

  test("a run's message names the page's Fuel budget, not the library's maxFuel", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("fuel-hungry", false);
    await pg.runAndExpect("fuel_exhausted");
    const message = page.getByTestId("outcome-message");
    await expect(message).toContainText("Fuel budget");
    await expect(message).not.toContainText("maxFuel");
    await expect(pg.console).not.toContainText("maxFuel");
  });

  test("on a 390 px phone the Examples menu opens within the screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const pg = new PlaygroundPage(page);
    await pg.open();
    await page.getByTestId("examples-button").click();
    const box = await page.getByTestId("examples-menu").boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  });
});
