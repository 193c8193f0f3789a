// WASI programs on the page, as a person uses them: the C examples from the menu, the Files
// panel (drop, create, delete; view and download what the program wrote), program input (argv,
// environment, stdin), exit codes, the timeout, and deterministic clocks/randomness.
// Code and limits are set through window.playground; the panels are used as a person would.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";

let pg: PlaygroundPage;
test.beforeEach(async ({ page }) => {
  pg = new PlaygroundPage(page);
  await pg.open();
});

test.describe("WASI on the page", () => {
  test("the C hello example prints to the console, stdout and stderr", async ({ page }) => {
    await pg.chooseExample("wasi-hello", true);
    await pg.expectOutcome("success");
    await expect(pg.console).toContainText("Hello from C on WASI!");
    await expect(page.getByTestId("outcome-message")).toHaveText(
      "The program finished (exit code 0).",
    );
    await expect(pg.value).toHaveText("0");
    await expect(page.locator(".console__entry--stderr")).toContainText("this line goes to stderr");
    await expect(page.getByTestId("fuel-meter")).not.toContainText("—");
  });

  test("a file dropped on the Files panel is read by word count; its output is viewed and downloaded", async ({
    page,
  }) => {
    await pg.chooseExample("wasi-wordcount", false);
    await pg.tab("files");
    // The example comes with an /input.txt; replace it with a dropped one.
    await expect(page.getByTestId("input-file-/input.txt")).toBeVisible();
    await page.getByTestId("delete-/input.txt").click();
    await expect(page.getByTestId("input-files-empty")).toBeVisible();
    const text = "one two three\nfour five\n";
    await pg.dropFilesOn("files-drop", [{ name: "input.txt", text }]);
    await expect(page.getByTestId("input-file-/input.txt")).toContainText("24 B");
    await expect(page.getByTestId("tab-files")).toContainText("1");
    await pg.screenshot("wasi-files-before-run");

    await pg.waitForExport("_start");
    await pg.run();
    await expect(page.getByTestId("output-file-/output.txt")).toContainText("created", {
      timeout: 60_000,
    });
    // The input it only read is not listed as written.
    await expect(page.getByTestId("output-files")).not.toContainText("/input.txt");
    const expected = "lines: 2\nwords: 5\nbytes: 24\n";
    await expect(page.getByTestId("file-viewer")).toHaveText(expected);
    await pg.screenshot("wasi-files-after-run");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-/output.txt").click(),
    ]);
    expect(download.suggestedFilename()).toBe("output.txt");
    expect(readFileSync(await download.path(), "utf8")).toBe(expected);

    await pg.tab("result");
    await expect(pg.outcome).toHaveAttribute("data-kind", "success");
    await expect(pg.console).toContainText("wrote /output.txt: 2 lines, 5 words, 24 bytes");
  });

  test("a text file created in the Files panel reaches the program, and can be deleted", async ({
    page,
  }) => {
    await pg.chooseExample("wasi-wordcount", false);
    await pg.tab("files");
    await page.getByTestId("delete-/input.txt").click();
    await page.getByTestId("file-new").click();
    await page.getByTestId("file-path").fill("input.txt");
    await page.getByTestId("file-content").fill("a b c d e f g\n");
    await page.getByTestId("file-save").click();
    // The path is normalised under the preopened "/".
    await expect(page.getByTestId("input-file-/input.txt")).toBeVisible();
    await pg.waitForExport("_start");
    await pg.run();
    await expect(page.getByTestId("file-viewer")).toHaveText("lines: 1\nwords: 7\nbytes: 14\n", {
      timeout: 60_000,
    });

    // Without the file, the program cannot open it and says so.
    await page.getByTestId("delete-/input.txt").click();
    await expect(page.getByTestId("input-files-empty")).toBeVisible();
    await pg.run();
    await pg.tab("result");
    await pg.expectOutcome("exit");
    await expect(pg.console).toContainText("cannot open /input.txt");
  });

  test("proc_exit(3) shows exit code 3 on the dashboard", async ({ page }) => {
    await pg.chooseExample("wasi-exit3", true);
    await pg.expectOutcome("exit");
    await expect(pg.outcome).toContainText("Exited with code 3");
    await expect(page.getByTestId("outcome-message")).toContainText("exited with code 3");
    await expect(pg.value).toHaveText("3");
    await expect(pg.console).toContainText("about to exit with status 3");
    await expect(pg.console).not.toContainText("never printed");
    await pg.screenshot("wasi-exit3");
  });

  test("an endless WASI loop is stopped by the timeout", async ({ page }) => {
    await pg.chooseExample("wasi-forever", false);
    await pg.waitForExport("_start");
    await pg.setLimits({ timeoutMs: 700, fuel: null });
    await pg.runAndExpect("timeout");
    await expect(page.getByTestId("outcome-message")).toContainText("700 ms");
  });

  test("argv, environment and stdin edited in Program input reach the program", async ({
    page,
  }) => {
    await pg.chooseExample("wasi-args-env", false);
    const input = page.getByTestId("program-input");
    await expect(input).toHaveAttribute("open", "");
    await expect(page.getByTestId("argv-0")).toHaveValue("hello");
    await page.getByTestId("argv-0").fill("alpha");
    await page.getByTestId("argv-add").click();
    await page.getByTestId("argv-2").fill("beta gamma");
    await page.getByTestId("env-value-0").fill("hello there");
    await page.getByTestId("env-add").click();
    await page.getByTestId("env-name-1").fill("MODE");
    await page.getByTestId("env-value-1").fill("=test=");
    await pg.screenshot("wasi-program-input");
    await pg.waitForExport("_start");
    await pg.runAndExpect("success");
    const { output } = await pg.lastRun();
    expect(output).toContain("argc=4\n");
    expect(output).toMatch(/argv\[0\]=args-env\.wasm\n/);
    expect(output).toContain("argv[1]=alpha\nargv[2]=world\nargv[3]=beta gamma\n");
    expect(output).toContain("env GREETING=hello there\n");
    expect(output).toContain("env MODE==test=\n");

    await pg.chooseExample("wasi-stdin-echo", false);
    await page.getByTestId("stdin").fill("red\ngreen\n");
    await pg.waitForExport("_start");
    await pg.runAndExpect("success");
    expect((await pg.lastRun()).output).toBe("1: red\n2: green\n\nread 10 bytes from stdin\n");
  });

  test("deterministic: two runs of clock-random give the same output and fuel; real clocks differ", async ({
    page,
  }) => {
    await pg.chooseExample("wasi-clock-random", false);
    await pg.waitForExport("_start");
    const fuelMeter = page.getByTestId("fuel-meter");
    await pg.runAndExpect("success");
    const first = await pg.lastRun();
    const firstFuel = await fuelMeter.textContent();
    expect(first.output).toContain("random:");
    await pg.runAndExpect("success");
    const second = await pg.lastRun();
    expect(second.output).toBe(first.output);
    expect(second.fuel).toBe(first.fuel);
    await expect(fuelMeter).toHaveText(firstFuel!);

    // The toggle reaches the sandbox: real clocks and randomness give another output.
    await pg.tab("limits");
    await page.getByTestId("deterministic").uncheck();
    await pg.tab("result");
    await pg.runAndExpect("success");
    const real = await pg.lastRun();
    expect(real.output).toContain("random:");
    expect(real.output).not.toBe(first.output);
  });
});
