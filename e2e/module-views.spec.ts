// Views of what was built: the WAT of a compiled module and of its instrumented module (search,
// jump to a function), their downloads, "Open as WAT", and CRuby's 30 MB module shown whole
// without a long main-thread task.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Download, type Page } from "@playwright/test";
import { watchMainThread } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";
import { compileWat } from "../src/sandbox/toolchain/compile-wat";
import { instrument } from "../src/sandbox/instrument";
import { resolveConfig } from "../src/sandbox/config";
import { instrumentLimitsFor } from "../src/sandbox/instrument-limits";
import { configFromLimits } from "../src/ui/controller/settings";
import { DEFAULT_LIMITS } from "../src/ui/state/defaults";

const SOURCE = `(module
  (func $square (param $x i64) (result i64)
    (i64.mul (local.get $x) (local.get $x)))
  (func $sum_of_squares (export "main") (param $n i64) (result i64)
    (local $total i64)
    (block $done
      (loop $next
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $total (i64.add (local.get $total) (call $square (local.get $n))))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $total)))
`;

const RUBY = fileURLToPath(
  new URL("../node_modules/@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm", import.meta.url),
);

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function downloaded(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync(await download.path()));
}

/** The module the page builds from SOURCE, and the one a run with the page's defaults runs. */
async function expectedBytes(): Promise<{ module: Uint8Array; instrumented: Uint8Array }> {
  const compiled = await compileWat(SOURCE);
  if (!compiled.ok) throw new Error(compiled.message);
  const config = resolveConfig(configFromLimits(DEFAULT_LIMITS));
  const outcome = await instrument(compiled.bytes, instrumentLimitsFor(config, true));
  if (!outcome.ok) throw new Error(outcome.message);
  return { module: compiled.bytes, instrumented: outcome.bytes };
}

function lines(page: Page) {
  return page.getByTestId("disassembly-lines");
}

async function searchFor(page: Page, query: string): Promise<void> {
  const search = page.getByTestId("disassembly-search");
  await search.fill(query);
  await search.press("Enter");
}

function focusedLine(page: Page) {
  return lines(page).locator(".wat-line--focus");
}

test.describe("module views", () => {
  test("the WAT of a compiled module and of its instrumented module is searchable, and downloads are those modules", async ({
    page,
  }) => {
    test.setTimeout(180_000); // a loaded machine: two disassemblies and an instrumentation
    const expected = await expectedBytes();
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(SOURCE);
    await pg.waitForExport("main");
    const watch = await watchMainThread(page);

    await page.getByTestId("view-module").click();
    const view = page.getByTestId("module-view-module");
    await expect(page.getByTestId("disassembly")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("function-list")).toContainText("2 functions");

    // Jump to a function by name, then by index.
    await page.getByTestId("function-filter").fill("squares");
    await expect(page.getByTestId("function-list")).toContainText("1 of 2");
    await page.getByTestId("function-filter").press("Enter");
    await expect(focusedLine(page)).toContainText("(func $sum_of_squares");
    await page.getByTestId("function-filter").fill("0");
    await page.getByTestId("function-filter").press("Enter");
    await expect(focusedLine(page)).toContainText("(func $square");

    // Search for an instruction: the match is counted, marked and scrolled to.
    await searchFor(page, "i64.MUL");
    await expect(page.getByTestId("disassembly-matches")).toContainText("1 match");
    await expect(focusedLine(page)).toContainText("i64.mul");
    await expect(focusedLine(page).locator("mark.wat-match--current")).toHaveText("i64.mul");

    const moduleDownload = page.waitForEvent("download");
    await view.getByTestId("download-module").click();
    const moduleFile = await moduleDownload;
    expect(moduleFile.suggestedFilename()).toBe("main.wasm");
    const moduleBytes = await downloaded(moduleFile);
    expect(moduleBytes.byteLength).toBe(expected.module.byteLength);
    expect(sha256(moduleBytes)).toBe(sha256(expected.module));

    // The instrumented module, as a run with the page's limits runs it.
    await page.getByTestId("view-instrumented").click();
    const instrumentedView = page.getByTestId("module-view-instrumented");
    await expect(instrumentedView.getByTestId("disassembly")).toBeVisible({ timeout: 30_000 });
    await searchFor(page, "__sandbox_fuel_remaining");
    await expect(focusedLine(page)).toContainText('(export "__sandbox_fuel_remaining"');
    await page.getByTestId("function-filter").fill("$square");
    await page.getByTestId("function-filter").press("Enter");
    await expect(focusedLine(page)).toContainText("(func $square");
    const instrumentedDownload = page.waitForEvent("download");
    await instrumentedView.getByTestId("download-instrumented").click();
    const instrumentedFile = await instrumentedDownload;
    expect(instrumentedFile.suggestedFilename()).toBe("main.instrumented.wasm");
    const instrumentedBytes = await downloaded(instrumentedFile);
    expect(instrumentedBytes.byteLength).toBe(expected.instrumented.byteLength);
    expect(sha256(instrumentedBytes)).toBe(sha256(expected.instrumented));
    await watch.expectNoLongTask("searchable WAT of a compiled and an instrumented module");
    await pg.screenshot("module-views-instrumented");
  });

  test("Open as WAT asks before it replaces the person's WAT, and Undo brings it back", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(SOURCE);
    await pg.waitForExport("main");
    await page.getByTestId("view-module").click();
    await expect(page.getByTestId("disassembly")).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("open-as-wat").click();
    await expect(page.getByRole("alertdialog")).toContainText("replaces the WAT");
    expect(await pg.getSource()).toBe(SOURCE); // nothing changed before the answer
    await page.getByTestId("open-as-wat-confirm").click();
    await expect(page.getByTestId("view-source")).toHaveAttribute("aria-checked", "true");
    await expect.poll(() => pg.getSource()).toContain("(func $square (type 0) (param $x i64)");
    await page.getByTestId("notice").getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => pg.getSource()).toBe(SOURCE);
  });

  test("CRuby's 30 MB module shows its whole WAT without a long main-thread task", async ({
    page,
  }) => {
    test.setTimeout(600_000); // 15 s on a quiet machine, minutes on a loaded one
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.openFile(RUBY);
    // Reading 30 MB (sent into the page as base64 by the test) takes long on a loaded machine.
    await expect(pg.fileName).toContainText("ruby+stdlib.wasm", { timeout: 120_000 });
    // Reading and inspecting the dropped file is the drop's journey; this one starts here.
    await expect(page.getByTestId("module-exports")).toContainText("wasi_vfs_pack_fs");
    const watch = await watchMainThread(page);
    const disassembly = page.getByTestId("disassembly");
    await expect(disassembly).toBeVisible({ timeout: 480_000 });
    const lineCount = Number(await disassembly.getAttribute("data-line-count"));
    expect(lineCount).toBeGreaterThan(5_000_000);
    const shown = await page.getByTestId("module-view-info").textContent();

    // Every part of it is reachable: a function far in, a search, the last line.
    await page.getByTestId("function-filter").fill("17000");
    await page.getByTestId("function-filter").press("Enter");
    await expect(focusedLine(page)).toContainText("(func (;17000;)");
    await searchFor(page, "memory.grow");
    await expect(focusedLine(page)).toContainText("memory.grow", { timeout: 30_000 });
    await lines(page).evaluate((box) => (box.scrollTop = box.scrollHeight));
    await expect(lines(page).locator(`[data-line="${lineCount}"]`)).toBeVisible();

    await watch.expectNoLongTask(`CRuby module view (${shown})`);
  });
});

test.describe("frictions", () => {
  test("an argument's placeholder is not a value, Tab's Ctrl+M is told, and a compile error shows no run metrics", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(SOURCE);
    await pg.waitForExport("main");
    const arg = page.getByTestId("arg-0");
    await expect(arg).toHaveValue("");
    expect(await arg.getAttribute("placeholder")).not.toMatch(/^[\d.]+$/);
    await expect(page.getByTestId("tab-key-hint")).toContainText("Ctrl+M");
    await pg.setSource("(module (func");
    await pg.run();
    await pg.expectOutcome("compile_error");
    await expect(page.getByTestId("wall-time")).toHaveText("—");
    await expect(page.getByTestId("memory-meter")).not.toContainText("0 B");
  });
});
