// A module from outside the project: a C program built by clang for wasm32-wasi that imports
// timing hooks the host lacks (bench.start, bench.end). Dropped, it is refused with the
// imports named; binding them as no-ops right under the refusal lets it run.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { watchMainThread } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";

const BENCH_HOOKS = readFileSync(new URL("./fixtures/c/bench-hooks.wasm", import.meta.url));

test("a WASI program importing hooks the host lacks runs once they are bound as no-ops", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.waitForEditor();
  const watch = await watchMainThread(page); // page start-up is not this journey

  await pg.dropFile("bench-hooks.wasm", BENCH_HOOKS);
  await pg.waitForExport("_start");
  await pg.runAndExpect("import_denied");
  await expect(page.getByTestId("outcome-message")).toContainText("bench");

  await page.getByTestId("bind-all-noop").click();
  await pg.runAndExpect("success");
  expect((await pg.lastRun()).output).toContain("fib(90) = 2880067194370816120");
  await pg.screenshot("bench-hooks-bound-noop");

  await watch.expectNoLongTask("bench-hooks journey");
});
