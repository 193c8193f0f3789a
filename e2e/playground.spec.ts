// The playground page, as a person uses it: every journey asserts what the dashboard, console,
// editor and panels show. Code is set through window.playground, never typed into Monaco.
import { expect, test } from "@playwright/test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES } from "../src/examples/catalog";
import { buildFixture } from "./fixtures/ui/build";
import { PlaygroundPage } from "./pages/playground-page";
import { watchMainThread } from "./long-tasks";

function expectedValueText(value: unknown): string {
  return typeof value === "bigint" ? `${value}n` : String(value);
}

test.describe("playground: first paint and the default program", () => {
  test("paints, loads the editor, compiles and runs the default WAT", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await expect(page.getByRole("heading", { name: /Wasm Sandbox/ })).toBeVisible();
    await pg.waitForEditor();
    await pg.waitForExport("main");
    await pg.screenshot("01-initial-light");
    await pg.run();
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("42");
    await expect(pg.console).toContainText("Hello from WebAssembly!");
    await expect(page.getByTestId("fuel-meter")).toContainText("/ 100M");
    await expect(page.getByTestId("module-size")).toContainText("→");
    await pg.screenshot("02-default-run-light");
  });

  test("Ctrl+Enter runs from the editor, dark theme shows the same result", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.waitForEditor();
    await page.getByTestId("theme-toggle").click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await pg.waitForExport("main");
    await page.locator(".code-editor__host .monaco-editor textarea").focus();
    await page.keyboard.press("Control+Enter");
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("42");
    // One run, not two (the editor and the page both listen for the shortcut).
    await expect(page.getByTestId("tab-history")).toContainText("1");
    await pg.screenshot("03-default-run-dark");
  });
});

test.describe("playground: examples run in one click", () => {
  // One page for all of them, as a person clicks through the menu: each example's run must
  // come after the one before it (its own history entry), whatever that one left behind (a
  // runner ended at the timeout, a memory bomb). One page load and one compiler load instead of
  // one each per example.
  test.describe.configure({ mode: "serial" });
  let pg: PlaygroundPage;
  test.beforeAll(async ({ browser }) => {
    pg = new PlaygroundPage(await browser.newPage());
    await pg.open();
  });
  test.afterAll(async () => {
    await pg.page.close();
  });
  for (const example of EXAMPLES) {
    test(`${example.id}: ${example.title}`, async () => {
      const page = pg.page;
      const before = await pg.historyCount();
      await pg.chooseExample(example.id, true);
      await expect(page.getByTestId("tab-history").locator(".count")).toHaveText(
        String(before + 1),
        { timeout: 60_000 },
      );
      const expected = example.expected;
      await pg.expectOutcome(expected.success ? "success" : expected.errorKind);
      if (expected.success && expected.value !== undefined) {
        await expect(pg.value).toHaveText(expectedValueText(expected.value));
      }
      if (expected.success && expected.output !== undefined) {
        await expect(pg.console).toContainText(expected.output);
      }
      if (!expected.success) {
        await expect(page.getByTestId("outcome-message")).not.toBeEmpty();
      }
      await pg.screenshot(`example-${example.id}`);
    });
  }
});

test.describe("playground: files", () => {
  test("a .wasm opened with the picker shows its disassembly and runs an export with arguments", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    const before = await pg.getSource();
    await pg.openFile({
      name: "typed-args.wasm",
      mimeType: "application/wasm",
      buffer: await buildFixture("typed-args"),
    });
    await expect(pg.fileName).toContainText("typed-args.wasm");
    await expect(pg.fileName).toContainText("read-only");
    await expect(page.getByTestId("module-exports")).toContainText("scale");
    await expect(page.getByTestId("module-exports")).toContainText("(f64, i64) → f64");
    await expect(page.getByTestId("disassembly-lines")).toContainText("func", { timeout: 30_000 });
    await pg.entry.selectOption("mul");
    await pg.setArgs(["6", "7"]);
    await pg.run();
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("42");
    await pg.entry.selectOption("wide");
    await pg.setArgs(["9007199254740993"]);
    await pg.run();
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("9007199254740994n");
    await pg.tab("module");
    await pg.screenshot("04-binary-module");
    await page.getByRole("button", { name: "Back to source" }).click();
    expect(await pg.getSource()).toBe(before);
  });

  test("a .wasm dropped on the page opens and runs", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.dropFile("dropped.wasm", await buildFixture("typed-args"));
    await expect(pg.fileName).toContainText("dropped.wasm");
    await pg.entry.selectOption("scale");
    await pg.setArgs(["1.5", "4"]);
    await pg.run();
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("6");
  });

  test("bad typed arguments are flagged and refused without running", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.openFile({
      name: "typed-args.wasm",
      mimeType: "application/wasm",
      buffer: await buildFixture("typed-args"),
    });
    await pg.entry.selectOption("mul");
    await pg.setArgs(["1.5", "x"]);
    await expect(page.getByTestId("arg-0")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("i32 takes a whole number").first()).toBeVisible();
    await pg.run();
    await pg.expectOutcome("invalid_config");
    await expect(page.getByTestId("outcome-message")).toContainText("argument 1 (i32)");
  });

  test("a non-wasm file, a broken module and a 100 MB file each get a message; the editor is untouched", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.waitForEditor();
    const before = await pg.getSource();

    await pg.openFile({
      name: "photo.wasm",
      mimeType: "image/png",
      buffer: Buffer.from("\x89PNG\r\n\x1a\n not wasm"),
    });
    await expect(pg.notice.last()).toContainText("not a WebAssembly module");

    const broken = Buffer.concat([
      Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
      Buffer.from([1, 0xff, 0xff, 0xff, 0x0f, 7]),
    ]);
    await pg.openFile({ name: "broken.wasm", mimeType: "application/wasm", buffer: broken });
    await expect(pg.notice.last()).toContainText(
      "broken.wasm is not a module the playground can run",
    );

    const dir = mkdtempSync(join(tmpdir(), "pg-"));
    const big = join(dir, "huge.wasm");
    const bytes = Buffer.alloc(100 * 1024 * 1024);
    bytes.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    writeFileSync(big, bytes);
    await pg.openFile(big);
    await expect(pg.notice.last()).toContainText(
      "huge.wasm is 100.0 MiB; the playground opens modules up to 64.0 MiB",
    );

    expect(await pg.getSource()).toBe(before);
    await expect(pg.fileName).toHaveText("main.wat");
    await pg.screenshot("05-bad-file-message");
    await pg.run();
    await pg.expectOutcome("success");
  });
});

test.describe("playground: compile errors, stop, crash", () => {
  test("a compile error shows a marker in the editor and a console entry", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.waitForEditor();
    const broken =
      '(module\n  (func (export "main") (result i32)\n    (i32.add (i32.const 1) (nope))))\n';
    await pg.setSource(broken);
    await expect(page.locator(".code-editor__host .squiggly-error").first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(pg.console).toContainText("compile_error");
    await pg.run();
    await pg.expectOutcome("compile_error");
    expect(await pg.getSource()).toBe(broken);
    const markers = await page.evaluate(() => window.playground!.compile());
    expect(markers.ok).toBe(false);
    expect(markers.diagnostics[0]?.line).toBe(3);
    await pg.screenshot("06-compile-error");
  });

  test("Stop ends an endless run at once, the page stays responsive, and the next run works", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("infinite-loop", false);
    await pg.setLimits({ timeoutMs: 120_000, fuel: null });
    // A long main-thread task while the guest spins would mean our code blocks the page.
    const watch = await watchMainThread(page);
    await pg.run();
    await expect(pg.phase).toHaveText(/Running/, { timeout: 30_000 });
    await expect(pg.stopButton).toBeVisible();
    // The page answers while the guest spins: the panel tabs still switch.
    await page.getByRole("tab", { name: /Limits/ }).click();
    await page.getByRole("tab", { name: /Result/ }).click();
    await pg.screenshot("07-running");
    await pg.stopButton.click();
    await pg.expectOutcome("timeout", 5_000);
    await watch.expectNoLongTask("Stop journey");
    await expect(page.getByTestId("outcome-message")).toContainText("stopped by the user");
    await expect(pg.outcome).toContainText("Stopped by you");
    await pg.screenshot("08-stopped");
    await pg.chooseExample("answer", true);
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("42");
  });

  test("after the runner worker crashes, the page reports it and keeps working", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.waitForExport("main");
    await pg.run();
    await pg.expectOutcome("success");
    // The warm runner closes itself as soon as the next run compiles its module: a real worker
    // death in the middle of a run, which the engine must report as a crash.
    const runners = page.workers().filter((w) => /runner/.test(w.url()));
    expect(runners.length).toBeGreaterThan(0);
    for (const w of runners) {
      await w.evaluate(() => {
        const die = () => {
          self.close();
          return new Promise<never>(() => undefined);
        };
        WebAssembly.compile = die;
        WebAssembly.instantiate = die;
      });
    }
    await pg.run();
    await pg.expectOutcome("crash");
    await expect(page.getByTestId("outcome-message")).toContainText("died");
    await pg.screenshot("09-after-crash");
    await pg.run();
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("42");
  });
});

test.describe("playground: a compiler crash", () => {
  test("the toolchain worker dies mid-compile: a clear message, the editor untouched, the next compile works", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.waitForExport("main");
    const toolchain = page.workers().find((w) => /toolchain/.test(w.url()));
    expect(toolchain).toBeDefined();
    // The worker closes itself instead of answering: the compile in flight loses its worker.
    await toolchain!.evaluate(() => {
      MessagePort.prototype.postMessage = function () {
        self.close();
      };
    });
    const source = '(module (func (export "main") (result i32) (i32.const 99)))\n';
    await pg.setSource(source);
    await expect(pg.console).toContainText("restarted", { timeout: 30_000 });
    expect(await pg.getSource()).toBe(source);
    // No position, so no marker: the message is in the console.
    await expect(page.locator(".code-editor__host .squiggly-error")).toHaveCount(0);
    await pg.screenshot("17-compiler-crash");
    await pg.setSource(source + ";; again\n");
    await pg.run();
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("99");
  });
});

test.describe("playground: limits, imports, compare, history", () => {
  test("metered vs unmetered side by side, and a history with a chart and a comparison", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("as-fibonacci", false);
    await page.getByTestId("compare-unmetered").check();
    await pg.run();
    await pg.expectOutcome("success", 60_000);
    await expect(pg.value).toHaveText("75025");
    await expect(page.getByTestId("metering-compare")).toBeVisible();
    await expect(page.getByTestId("overhead")).toHaveText(/×\d/);
    await pg.screenshot("10-metered-vs-unmetered");
    await pg.setArgs(["10"]);
    await pg.run();
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("55");
    await pg.tab("history");
    await expect(page.getByTestId("history-chart").locator("rect")).toHaveCount(4);
    await page.getByLabel("Compare run 1").check();
    await page.getByLabel("Compare run 2").check();
    await expect(page.getByTestId("history-compare")).toContainText("75025");
    await expect(page.getByTestId("history-compare")).toContainText("55");
    await pg.screenshot("11-history");
  });

  test("a tighter fuel budget set in the Limits panel ends the run with fuel exhausted", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("as-fibonacci", false);
    await pg.tab("limits");
    await page
      .getByRole("group", { name: "Fuel presets" })
      .getByRole("button", { name: "1M" })
      .click();
    await pg.screenshot("12-limits");
    await pg.run();
    await pg.expectOutcome("fuel_exhausted", 60_000);
    await expect(page.getByTestId("fuel-meter")).toContainText("/ 1.00M");
  });

  test("the imports panel lists each import; allowing a denied one changes the outcome", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.chooseExample("hello-log", false);
    await pg.tab("imports");
    const row = page.getByTestId("import-env.log");
    await expect(row).toContainText("(i32, i32)");
    await row.getByRole("combobox").selectOption("deny");
    await pg.run();
    await pg.expectOutcome("import_denied");
    await expect(page.getByTestId("outcome-message")).toContainText("env.log");
    await pg.tab("imports");
    await page.getByTestId("binding-env.log").selectOption("host");
    await pg.run();
    await pg.expectOutcome("success");
    await pg.chooseExample("forbidden-import", false);
    await pg.tab("imports");
    await expect(page.getByTestId("import-env.read_file")).toContainText("nobody provides it");
    await pg.screenshot("13-imports");
  });

  test("an import nobody provides, given a stub, runs up to the call; the trap names the stub", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(`(module
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "missing_feature" (func $missing (param i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "before the stub")
  (func (export "main") (result i32)
    (call $log (i32.const 0) (i32.const 15))
    (call $missing (i32.const 5))))
`);
    await pg.waitForExport("main");
    await pg.runAndExpect("import_denied");
    await expect(page.getByTestId("outcome-message")).toContainText("env.missing_feature");
    await pg.tab("imports");
    await page.getByTestId("binding-env.missing_feature").selectOption("trap");
    await pg.tab("result");
    await pg.runAndExpect("trap");
    await expect(pg.console).toContainText("before the stub");
    await expect(page.getByTestId("outcome-message")).toContainText(
      "env.missing_feature was called, but it is only a stub",
    );
  });
});

// Share links and drafts: e2e/share.spec.ts.

test.describe("playground: keyboard", () => {
  test("examples menu and panel tabs work from the keyboard", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await page.getByTestId("examples-button").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("examples-menu")).toBeVisible();
    await pg.screenshot("18-examples-menu");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(pg.fileName).toContainText("add.wasm");
    await expect(page.getByTestId("examples-menu")).toBeHidden();
    await expect(page.getByTestId("tab-result")).toHaveAttribute("aria-selected", "true");
    await page.getByTestId("tab-result").focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("tab-files")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("tab-files")).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("tab-limits")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("tab-limits")).toBeFocused();
    await page.keyboard.press("Control+Enter");
    await pg.expectOutcome("success");
    await expect(pg.value).toHaveText("12");
  });
});

test.describe("playground: layout", () => {
  test("narrow window: everything is reachable, stacked", async ({ page }) => {
    await page.setViewportSize({ width: 420, height: 900 });
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.waitForExport("main");
    await pg.run();
    await pg.expectOutcome("success");
    await expect(pg.runButton).toBeInViewport();
    await pg.screenshot("16-narrow");
  });

  test("no layout jump: the dashboard keeps its size when a result arrives", async ({ page }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.waitForExport("main");
    const box = async (id: string) => page.getByTestId(id).boundingBox();
    const before = [await box("run"), await box("fuel-meter"), await box("memory-meter")];
    await pg.run();
    await pg.expectOutcome("success");
    const after = [await box("run"), await box("fuel-meter"), await box("memory-meter")];
    for (const [i, b] of before.entries()) expect(after[i]!.y).toBe(b!.y);
  });
});
