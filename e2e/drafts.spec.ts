// Drafts (issues 14 and 15): several drafts kept, opening links never overwrites the person's
// own, a reload after share-and-edit keeps the edit, a module too big for a link round-trips
// through a saved file, drafts of earlier releases move over, and blocked storage still gives
// a working page.
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { watchMainThread } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";

const mine = '(module (func (export "main") (result i32) (i32.const 7)))\n';
const linkOne = ';; link one\n(module (func (export "main") (result i32) (i32.const 1)))\n';
const linkTwo = ';; link two\n(module (func (export "main") (result i32) (i32.const 2)))\n';

/** Saves pending edits and returns the drafts' titles, newest first. */
async function draftTitles(page: Page): Promise<string[]> {
  return (await page.evaluate(() => window.playground!.drafts())).map((d) => d.title);
}

/** Links made by another person (a fresh browser context). */
async function linksOf(browser: Browser, sources: string[]): Promise<string[]> {
  const context = await browser.newContext();
  const other = new PlaygroundPage(await context.newPage());
  await other.open();
  const urls: string[] = [];
  for (const source of sources) {
    await other.setSource(source);
    const share = await other.page.evaluate(() => window.playground!.share());
    if (!share.ok) throw new Error(share.message);
    urls.push(share.url);
  }
  await context.close();
  return urls;
}

/** A valid module with `dataBytes` of incompressible data: main() returns 42. */
function bigModule(dataBytes: number): Buffer {
  const leb = (n: number) => {
    const out: number[] = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return out;
  };
  const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const data = new Uint8Array(dataBytes);
  let x = 2463534242;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 0xff;
  }
  const pages = Math.ceil(dataBytes / 65536) + 1;
  const dataBody = [1, 0, 0x41, 0, 0x0b, ...leb(dataBytes)];
  return Buffer.concat([
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    Buffer.from(section(1, [1, 0x60, 0, 1, 0x7f])),
    Buffer.from(section(3, [1, 0])),
    Buffer.from(section(5, [1, 0, ...leb(pages)])),
    Buffer.from(section(7, [1, 4, ...Buffer.from("main"), 0, 0])),
    Buffer.from(section(10, [1, 4, 0, 0x41, 42, 0x0b])),
    Buffer.from([11, ...leb(dataBody.length + dataBytes), ...dataBody]),
    Buffer.from(data),
  ]);
}

test.describe("drafts: several kept, never overwritten by links", () => {
  // Two browser contexts and several page loads per journey.
  test.describe.configure({ timeout: 180_000 });
  test("a draft, then link one, then link two: Restore in the drafts list brings the draft back", async ({
    page,
    browser,
  }) => {
    const [one, two] = await linksOf(browser, [linkOne, linkTwo]);
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(mine);
    expect(await draftTitles(page)).toContain(mine.trim());
    await pg.open(one!);
    await expect.poll(() => pg.getSource()).toBe(linkOne);
    await pg.open(two!);
    await expect.poll(() => pg.getSource()).toBe(linkTwo);
    expect(await draftTitles(page)).toEqual([";; link two", ";; link one", mine.trim()]);

    await page.getByTestId("drafts-button").click();
    const entries = page.getByTestId("draft-entry");
    await expect(entries).toHaveCount(3);
    await expect(entries.nth(0)).toContainText("opened link");
    await expect(entries.nth(0)).toContainText("on the page");
    await expect(entries.nth(2)).toContainText("WAT");
    await pg.screenshot("drafts-menu");
    await entries.filter({ hasText: "i32.const 7" }).click();
    await expect.poll(() => pg.getSource()).toBe(mine);
    // The restored draft is the page's draft now: a reload keeps it.
    await pg.open("/");
    expect(await pg.getSource()).toBe(mine);
  });

  test("share, edit, reload: the edit is there, and the link still opens the shared version", async ({
    page,
    browser,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    // Share and edit are watched; the reload's own page load is not a journey step.
    const watch = await watchMainThread(page);
    await pg.setSource(linkOne);
    await page.getByTestId("share").click();
    await expect(page).toHaveURL(/#s1\//);
    const url = page.url();
    const edited = linkOne.replace("i32.const 1", "i32.const 11");
    await pg.setSource(edited);
    await draftTitles(page); // the edit is saved
    await watch.expectNoLongTask("share, edit (before the reload)");
    await page.reload();
    await page.waitForFunction(() => window.playground !== undefined);
    await page.evaluate(() => window.playground!.ready);
    expect(page.url()).toBe(url);
    expect(await pg.getSource()).toBe(edited);

    const context = await browser.newContext();
    const other = new PlaygroundPage(await context.newPage());
    await other.open(url);
    expect(await other.getSource()).toBe(linkOne);
    await context.close();
  });

  test("a module too big for a link is saved as a file and reopens by dropping it", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    const watch = await watchMainThread(page);
    await pg.dropFile("big.wasm", bigModule(200_000));
    await expect(pg.fileName).toContainText("big.wasm");
    await pg.setLimits({ fuel: 4_321 });
    await page.getByTestId("share").click();
    const refused = pg.notice.filter({ hasText: "too big to put in a link" });
    await expect(refused).toHaveCount(1);
    const download = page.waitForEvent("download");
    await refused.getByRole("button", { name: "Save as file" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("big.wasmplay");
    const bytes = await readFile((await file.path())!);
    expect(bytes.length).toBeGreaterThan(200_000);

    await pg.setSource(mine);
    await expect.poll(() => pg.getSource()).toBe(mine);
    await pg.dropFile("big.wasmplay", bytes);
    await expect(pg.fileName).toContainText("big.wasm");
    expect((await page.evaluate(() => window.playground!.getLimits())).fuel).toBe("4321");
    await pg.runAndExpect("success");
    await expect(pg.value).toHaveText("42");
    // Opened as a draft of its own: the WAT draft is still there.
    expect(await draftTitles(page)).toContain(mine.trim());
    await watch.expectNoLongTask("too-big module through a saved file");
  });

  test("a damaged playground file is refused with a reason and changes nothing", async ({
    page,
  }) => {
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(mine);
    const damaged = Buffer.from([0, 0x77, 0x70, 0x6c, 0x61, 0x79, 1, 0x10, 1, 2, 3]);
    await pg.dropFile("broken.wasmplay", damaged);
    await expect(pg.notice.filter({ hasText: "broken.wasmplay cannot be opened" })).toContainText(
      "incomplete",
    );
    expect(await pg.getSource()).toBe(mine);
  });

  test("a draft an earlier release kept in localStorage moves over and opens", async ({ page }) => {
    const legacy = ";; kept by an earlier release\n(module)\n";
    await page.addInitScript((source) => {
      if (sessionStorage.getItem("legacy-set")) return;
      sessionStorage.setItem("legacy-set", "1");
      localStorage.setItem(
        "wasm-playground:draft",
        JSON.stringify({ savedAt: 1, state: { v: 1, language: "wat", source } }),
      );
    }, legacy);
    const pg = new PlaygroundPage(page);
    await pg.open();
    expect(await pg.getSource()).toBe(legacy);
    expect(await draftTitles(page)).toEqual([";; kept by an earlier release"]);
    expect(await page.evaluate(() => localStorage.getItem("wasm-playground:draft"))).toBeNull();
  });

  test("a browser that refuses localStorage and sessionStorage still gets a working page", async ({
    page,
  }) => {
    await page.addInitScript(() => {
      for (const name of ["localStorage", "sessionStorage"])
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException("The operation is insecure.", "SecurityError");
          },
        });
    });
    const pg = new PlaygroundPage(page);
    await pg.open();
    await pg.setSource(mine);
    await pg.waitForExport("main");
    await pg.runAndExpect("success");
    await expect(pg.value).toHaveText("7");
    expect(await draftTitles(page)).toEqual([mine.trim()]);
  });
});
