// Wasm 3.0 in the page (issue 17): a GC module's WAT view (binaryen's text: wabt cannot read GC) and its allocation on the dashboard
// beside linear memory, and a GC allocation bomb that ends as memory_limit, after which the next run works;
// the Wasm 3.0 examples of the menu (GC tree, exnref, memory64) run with their values and steady fuel.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { watchMainThread } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";
import { WASM3_EXAMPLES } from "../src/examples/wasm3-examples";

const wasmFile = (name: string) => ({
  name,
  mimeType: "application/wasm",
  buffer: readFileSync(
    new URL(`../src/sandbox/instrument/fixtures/wasm3/${name}`, import.meta.url),
  ),
});

/** binaryen's text in the WAT view (wabt cannot read GC types): labelled as such, searchable. */
async function expectBinaryenText(page: Page, what: string): Promise<void> {
  // binaryen loads in the toolchain worker on first use (~13 MB of JavaScript): allow a loaded machine.
  await expect(page.getByTestId("module-view-text-by")).toContainText("binaryen's text format", {
    timeout: 90_000,
  });
  const lines = page.getByTestId("disassembly-lines");
  await expect(lines).toContainText(";; binaryen's text: wabt");
  const search = page.getByTestId("disassembly-search");
  await search.fill("struct.new $node");
  await search.press("Enter");
  await expect(lines.locator(".wat-line--focus")).toContainText("struct.new $node");
  console.log(`${what}'s WAT view: ${await page.getByTestId("module-view-info").textContent()}`);
}

test("a GC module shows its GC allocation; a GC bomb ends as memory_limit and the next run works", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  const watch = await watchMainThread(page);
  const gcMeter = page.getByTestId("gc-meter");

  await pg.openFile(wasmFile("gc.wasm"));
  await pg.waitForExport("list");
  await expectBinaryenText(page, "gc.wasm");
  await pg.entry.selectOption("list");
  await pg.setArgs(["5"]);
  await pg.runAndExpect("success");
  await expect(pg.value).toHaveText("15");
  // Five structs of 20 bytes by declared sizes, against the default cap of 256 MiB.
  await expect(gcMeter).toContainText("100 B");
  await expect(gcMeter).toContainText("/ 256.0 MiB");

  // The bomb keeps 8 MiB arrays alive for ever; with no fuel budget only the GC cap stops it.
  await pg.setLimits({ fuel: null });
  await pg.openFile(wasmFile("gc-hoard.wasm"));
  await pg.waitForExport("main");
  await pg.runAndExpect("memory_limit");
  await expect(pg.outcome).toContainText("GC allocation cap of 256 MiB");
  await expect(gcMeter.locator(".meter__track--hit")).toHaveCount(1);
  await expect(page.getByTestId("memory-meter").locator(".meter__track--hit")).toHaveCount(0);

  // The page and the runners are fine: the GC module runs again with the same count.
  await pg.openFile(wasmFile("gc.wasm"));
  await pg.waitForExport("list");
  await pg.entry.selectOption("list");
  await pg.setArgs(["5"]);
  await pg.runAndExpect("success");
  await expect(pg.value).toHaveText("15");
  await expect(gcMeter).toContainText("100 B");
  await watch.expectNoLongTask("GC journey");
});

test("the Wasm 3.0 examples run from the menu with their values, the same fuel on a second run", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  const watch = await watchMainThread(page);
  for (const example of WASM3_EXAMPLES) {
    if (!example.expected.success) throw new Error(`${example.id} is meant to succeed`);
    const runs = await pg.historyCount();
    await pg.chooseExample(example.id, true);
    await expect(page.getByTestId("tab-history").locator(".count")).toHaveText(String(runs + 1), {
      timeout: 60_000,
    });
    await pg.expectOutcome("success");
    const value = example.expected.value;
    await expect(pg.value).toHaveText(typeof value === "bigint" ? `${value}n` : String(value));
    const first = (await pg.lastRun()).fuel;
    expect(Number(first), example.id).toBeGreaterThan(0);
    await pg.runAndExpect("success");
    expect((await pg.lastRun()).fuel, `${example.id}: second run`).toBe(first);
    console.log(`${example.id}: ${await pg.value.textContent()}, fuel ${first} on both runs`);
  }
  // The GC example is prebuilt (wabt cannot compile GC text): its WAT source is one click away.
  // Its WAT view is binaryen's text (wabt cannot read GC types).
  await pg.chooseExample("gc-tree", false);
  await expect(page.getByRole("link", { name: "Built from gc-tree.wat" })).toBeVisible();
  await expectBinaryenText(page, "gc-tree.wasm");
  await watch.expectNoLongTask("Wasm 3.0 examples");
});
