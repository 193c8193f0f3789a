// Export names are data (issue 14, item 7): a module whose exports are named like Object's own
// properties ("toString", "__proto__", "constructor", "hasOwnProperty") compiles, runs each
// export, autosaves its draft and shares as a link like any other module.
import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";

const SOURCE = `;; exports named like Object.prototype's members
(module
  (func (export "toString") (result i32) (i32.const 41))
  (func (export "__proto__") (result i32) (i32.const 42))
  (func (export "constructor") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "hasOwnProperty") (result i32) (i32.const 44)))
`;

test("exports named toString, __proto__, constructor and hasOwnProperty run, autosave and share", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // four runs, a share and a second browser: slow on a loaded machine
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.setSource(SOURCE);
  await pg.waitForExport("toString");

  await pg.entry.selectOption("toString");
  await pg.runAndExpect("success");
  await expect(pg.value).toHaveText("41");

  await pg.entry.selectOption("__proto__");
  await pg.runAndExpect("success");
  await expect(pg.value).toHaveText("42");

  await pg.entry.selectOption("constructor");
  await pg.setArgs(["9"]);
  await pg.runAndExpect("success");
  await expect(pg.value).toHaveText("10");

  await pg.entry.selectOption("hasOwnProperty");
  await pg.runAndExpect("success");
  await expect(pg.value).toHaveText("44");

  // Autosave keeps the draft (it threw on every edit when the entry was such a name).
  await pg.entry.selectOption("constructor");
  await expect
    .poll(() => page.evaluate(() => window.playground!.drafts().then((d) => d[0]?.title ?? "")))
    .toBe(SOURCE.split("\n")[0]);

  const before = page.url();
  await page.getByTestId("share").click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/#s1\//);

  const context = await browser.newContext();
  const other = new PlaygroundPage(await context.newPage());
  await other.open(page.url());
  expect(await other.getSource()).toBe(SOURCE);
  // Code from a link compiles on the person's click only.
  await other.page.getByTestId("compile").click();
  await other.waitForExport("constructor");
  await expect(other.entry).toHaveValue("constructor");
  await expect(other.page.getByTestId("arg-0")).toHaveValue("9");
  await other.runAndExpect("success");
  await expect(other.value).toHaveText("10");
  await context.close();
});
