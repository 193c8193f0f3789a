// The Profile tab: a profiled run of fib(20) shows its flame graph, a sortable table with
// fib's 21,891 calls, and exports speedscope's format; a profile of 262,144 call paths shows
// without a main-thread task over the limit (the profile is summed in the runner).
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { watchMainThread } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";

const FIB = `(module
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func $main (export "main") (result i32) (call $fib (i32.const 20))))`;

// Every call path distinct: a and b each call a and b until the depth runs out.
const PATHS = `(module
  (func $a (param $d i32)
    (if (local.get $d) (then (call $a (i32.sub (local.get $d) (i32.const 1)))
                             (call $b (i32.sub (local.get $d) (i32.const 1))))))
  (func $b (param $d i32)
    (if (local.get $d) (then (call $a (i32.sub (local.get $d) (i32.const 1)))
                             (call $b (i32.sub (local.get $d) (i32.const 1))))))
  (func $main (export "main") (call $a (i32.const 17))))`;

async function compareFirstTwoRuns(page: Page) {
  await page.getByTestId("tab-history").click();
  // The History tab's code loads when first opened: wait for its rows before taking them all.
  await expect(page.getByRole("checkbox", { name: /Compare run/ })).toHaveCount(2);
  for (const box of await page.getByRole("checkbox", { name: /Compare run/ }).all())
    await box.check();
  const fib = page.getByTestId("profile-compare-row").filter({ hasText: "fib" });
  await expect(fib).toHaveAttribute("data-change", "cheaper");
  await expect(fib).toContainText("21,891"); // fib(20)'s calls, then fib(15)'s
  await expect(fib).toContainText("1,973");
  await page.getByTestId("tab-profile").click();
}

test("the Profile tab: flame graph, sortable table, the function in the editor, speedscope export, history, share, a big profile", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.waitForEditor();
  await pg.setSource(FIB);
  await pg.waitForExport("main");
  await page.getByTestId("profile-runs").check();
  const watch = await watchMainThread(page);

  await pg.run();
  const summary = page.getByTestId("profile-summary");
  await expect(summary).toContainText("in 2 functions, 21 call paths");
  const rows = page.getByTestId("profile-row");
  await expect(rows.first()).toContainText("fib");
  await expect(rows.first()).toContainText("21,891");
  await page.getByTestId("sort-total").click(); // main's total is the whole run
  await expect(rows.first()).toContainText("main");
  await expect(rows.first()).toContainText("100.0%");

  // The graph: the run, main, then fib's 20 levels; clicking fib's bar zooms into it.
  const graph = page.getByTestId("flame-graph");
  expect(Number(await graph.getAttribute("data-bars"))).toBeGreaterThan(10);
  await graph.locator("canvas").click({ position: { x: 20, y: 2 * 18 + 9 } });
  await expect(page.getByTestId("flame-path")).toContainText("› main› fib");
  await expect(page.getByTestId("flame-hint")).toContainText("fib:");
  // Zooming into fib's bar showed fib's text in the editor; a click on main's name shows main's.
  const editor = page.getByTestId("editor");
  await expect(editor).toHaveAttribute("data-revealed", "2-6");
  await expect(editor.locator(".profile-reveal")).toHaveCount(5);
  await expect(editor.locator(".profile-heat--5")).toHaveCount(5); // fib: nearly all the fuel
  await pg.screenshot("profile-fib-zoomed");
  await page.getByTestId("profile-function").filter({ hasText: "main" }).click();
  await expect(editor).toHaveAttribute("data-revealed", "7-7");

  const download = page.waitForEvent("download");
  await page.getByTestId("export-speedscope").click();
  const file = JSON.parse(await readFile(await (await download).path(), "utf8")) as {
    shared: { frames: { name: string }[] };
    profiles: { weights: number[]; endValue: number }[];
  };
  expect(file.shared.frames.map((f) => f.name)).toEqual(["main", "fib"]);
  const fuel = Number(
    (await summary.textContent())?.match(/: ([\d,]+) fuel/)?.[1].replace(/,/g, ""),
  );
  expect(file.profiles[0].weights.reduce((a, b) => a + b, 0)).toBe(fuel);

  // History: fib(15) against fib(20), function by function.
  await pg.setSource(FIB.replace("(i32.const 20)", "(i32.const 15)"));
  await pg.run();
  await expect(summary).toContainText("in 2 functions, 16 call paths");
  await compareFirstTwoRuns(page);

  // Share: the link asks for the Profile tab; the other person's run gives the same profile.
  const profiled = await summary.textContent();
  await page.getByTestId("share").click();
  await expect(page).toHaveURL(/#s1\//);
  const other = new PlaygroundPage(await (await browser.newContext()).newPage());
  await other.open(page.url());
  await expect(other.page.getByTestId("tab-profile")).toHaveAttribute("aria-selected", "true");
  await expect(other.page.getByTestId("profile-runs")).toBeChecked();
  await other.run();
  await expect(other.page.getByTestId("profile-summary")).toHaveText(
    profiled!.replace(/Run #\d+/, "Run #1"),
  );
  await other.page.context().close();
  await page.getByTestId("tab-profile").click();

  await pg.setSource(PATHS);
  await pg.waitForExport("main");
  await expect(summary).toContainText("in 2 functions"); // still fib's profile until the run
  await pg.run();
  await expect(summary).toContainText("262,144 call paths", { timeout: 60_000 });
  await expect(rows.first()).toBeVisible();
  await pg.screenshot("profile-262144-paths");
  await watch.expectNoLongTask("profile journey");
});

const AS_FIB = `export function fib(n: i32): i32 {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

export function main(): i32 {
  return fib(20);
}
`;

test("AssemblyScript: a profiled function shows at its line through the source map, heat in the gutter", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.waitForEditor();
  await page.getByTestId("profile-runs").check();
  await pg.setSource(AS_FIB, "assemblyscript");
  // The compiler's first download (13.6 MB) comes before the export picker fills.
  await expect(pg.entry.locator(`option[value="main"]`)).toHaveCount(1, { timeout: 120_000 });
  await pg.run();
  const rows = page.getByTestId("profile-row");
  await expect(rows.first()).toContainText("fib");
  await expect(rows.first()).toContainText("21,891");
  await page.getByTestId("profile-function").filter({ hasText: "fib" }).click();
  const editor = page.getByTestId("editor");
  await expect(editor).toHaveAttribute("data-revealed", "2-2");
  await expect(editor.locator(".profile-heat--5")).toHaveCount(1); // fib's line
  await expect(editor.locator(".profile-heat")).toHaveCount(2); // and main's
  await page.getByTestId("profile-function").filter({ hasText: "main" }).click();
  await expect(editor).toHaveAttribute("data-revealed", "7-7");
  await pg.screenshot("profile-assemblyscript-source-line");
});
