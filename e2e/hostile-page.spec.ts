// Hostile links and a hostile browser against the page itself (issue 14): a link whose module
// is a list bomb, a render that throws, a link whose source is a compile bomb, a module of
// 100,000 nested blocks.
import { expect, test, type Page } from "@playwright/test";
import { encodeState } from "../src/share/link-codec";
import { defaultState, defaultWasmState, type PlaygroundState } from "../src/share/state-schema";
import { nestedBlocks } from "../src/hostile/generators";
import { watchMainThread } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";

async function hashOf(state: PlaygroundState): Promise<string> {
  const encoded = await encodeState(state);
  if (!encoded.ok) throw new Error(encoded.message);
  return encoded.hash.startsWith("#") ? encoded.hash : `#${encoded.hash}`;
}

/** A valid module of `count` empty custom sections (3 bytes each). */
function emptyCustomSections(count: number): Uint8Array {
  const out = new Uint8Array(8 + 3 * count);
  out.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  for (let i = 0; i < count; i++) out.set([0, 1, 0], 8 + 3 * i);
  return out;
}

async function expectPageAlive(page: Page): Promise<void> {
  await expect(page.locator("#root")).not.toBeEmpty();
  await expect(page.getByTestId("run")).toBeVisible();
}

test("a link holding 200,000 empty custom sections opens with a clear message, and so does a reload", async ({
  page,
}) => {
  const pg = new PlaygroundPage(page);
  const hash = await hashOf(defaultWasmState(emptyCustomSections(200_000), "sections.wasm"));
  expect(hash.length).toBeLessThan(2_000);
  await pg.open(`/${hash}`);
  await expect(pg.notice.filter({ hasText: "more than 1,000 sections" })).toBeVisible();
  await expectPageAlive(page);
  // The bad module was kept as the draft: the bare URL must not be blank either.
  await pg.open("/");
  await expectPageAlive(page);
  await expect(page.getByTestId("crash")).toHaveCount(0);
});

test("a render that throws shows what failed and a way back, never a blank page", async ({
  page,
}) => {
  // Stands in for any rendering bug: number formatting throws while the flag is up.
  await page.addInitScript(() => {
    const toFixed = Number.prototype.toFixed;
    Number.prototype.toFixed = function (this: number, digits?: number) {
      if ((window as unknown as { __breakRender?: boolean }).__breakRender)
        throw new Error("formatting broke (test)");
      return toFixed.call(this, digits);
    };
  });
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.setSource('(module (func (export "main") (result i32) (i32.const 5)))\n');
  await pg.waitForExport("main");
  // The flag goes up and Run is clicked in one task: any render after the flag throws (a late
  // status update included), and a crash screen shown before the click would take Run away.
  await page.evaluate(() => {
    (window as unknown as { __breakRender: boolean }).__breakRender = true;
    const run = document.querySelector<HTMLButtonElement>('[data-testid="run"]');
    if (!run) throw new Error("no Run button");
    run.click();
  });
  await expect(page.getByTestId("crash")).toBeVisible();
  await expect(page.getByTestId("crash-message")).toContainText("formatting broke (test)");
  await page.evaluate(
    () => ((window as unknown as { __breakRender: boolean }).__breakRender = false),
  );
  await page.getByTestId("crash-start-empty").click();
  await expectPageAlive(page);
  await expect(pg.notice.filter({ hasText: "Started empty" })).toBeVisible();
  expect(await pg.getSource()).toContain("Hello from WebAssembly!");
});

test("a link's source is never compiled by opening it; Compile is the person's click", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Records every call the page makes into a worker, by the Comlink path it names.
  await page.addInitScript(() => {
    const calls: string[] = [];
    (window as unknown as { __workerCalls: string[] }).__workerCalls = calls;
    // Comlink calls travel over a MessagePort (the worker gets its port by Worker.postMessage).
    for (const proto of [Worker.prototype, MessagePort.prototype]) {
      const post = proto.postMessage;
      proto.postMessage = function (this: unknown, message: unknown, ...rest: unknown[]) {
        const path = (message as { path?: unknown } | null)?.path;
        if (Array.isArray(path)) calls.push(path.join("."));
        return (post as (...a: unknown[]) => void).call(this, message, ...rest);
      };
    }
  });
  const source = "export function main(): i32 { return 6 * 7; }\n";
  const pg = new PlaygroundPage(page);
  await pg.open(`/${await hashOf(defaultState("assemblyscript", source))}`);
  await expect(page.getByTestId("compile-held")).toBeVisible();
  await page.waitForTimeout(3_000); // past the warm-up and the editor's compile delay
  const calls = () =>
    page.evaluate(() => (window as unknown as { __workerCalls: string[] }).__workerCalls);
  expect((await calls()).filter((c) => c.startsWith("compile"))).toEqual([]);
  await expect(pg.entry.locator("option")).toHaveText(["— press Compile to list exports —"]);
  await page.getByTestId("compile").click();
  // The first AssemblyScript compile loads the compiler (~14 MB): slow on a busy machine.
  await expect(pg.entry.locator('option[value="main"]')).toHaveCount(1, { timeout: 120_000 });
  expect((await calls()).filter((c) => c.startsWith("compile"))).toEqual(["compileAssemblyScript"]);
  // A source whose static data would take GiBs: the compiler ends on its memory bound, with a
  // clear message, and the page stays usable (edits compile once the person has pressed Compile).
  await pg.setSource(
    "const p = memory.data(0x7ff00000);\nexport function main(): i32 { return load<i32>(p); }\n",
    "assemblyscript",
  );
  // Where the browser allocates the ~2 GiB buffer, binaryen's growth meets the toolchain's
  // memory bound; where it refuses it (Chromium here), asc's crash names that refusal.
  await expect(pg.console).toContainText(
    /the AssemblyScript compiler needed more than 1,024 MiB of memory, so it was stopped|The AssemblyScript compiler ran out of memory: the browser refused it a buffer \(RangeError: Array buffer allocation failed\)/,
    { timeout: 120_000 },
  );
  await expectPageAlive(page);
});

test("the production page ships its security headers and works under its CSP", async ({ page }) => {
  test.skip(
    process.env.E2E_DEV === "1",
    "the dev server sends no CSP (Vite's client runs inline scripts)",
  );
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const pg = new PlaygroundPage(page);
  await pg.recordPhases();
  const response = await page.goto("/");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cross-origin-embedder-policy"]).toBe("require-corp");
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveAttribute("content", /object-src 'none'/);

  await page.waitForFunction(() => window.playground !== undefined);
  await pg.waitForEditor();
  await pg.setSource('(module (func (export "main") (result i32) (i32.const 11)))\n');
  await pg.waitForExport("main");
  await pg.runAndExpect("success");
  await expect(pg.value).toHaveText("11");
  // AssemblyScript brings binaryen, which loads its own wasm from a data: URL.
  await pg.setSource("export function main(): i32 { return 12; }\n", "assemblyscript");
  await page.getByTestId("compile").click();
  await expect(pg.entry.locator('option[value="main"]')).toHaveCount(1, { timeout: 90_000 });
  // The first AssemblyScript compile downloads the compiler: the phase line said how much.
  expect(await pg.seenPhases()).toContainEqual(
    expect.stringMatching(/^Downloading the AssemblyScript compiler: [\d.]+ of [\d.]+ MiB$/),
  );
  await pg.runAndExpect("success");
  await expect(pg.value).toHaveText("12");
  expect(
    await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  ).toEqual([]);
});

test("a module of 100,000 nested blocks opens, runs and is shown without a long main-thread task", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const pg = new PlaygroundPage(page);
  await pg.open();
  const wasm = (name: string, bytes: Uint8Array) => ({
    name,
    mimeType: "application/wasm",
    buffer: Buffer.from(bytes),
  });
  // A small module first, through the same steps, so the page's own lazily loaded parts are in
  // before the watch: the journey is about what the nested module costs.
  await pg.openFile(wasm("small.wasm", nestedBlocks(10)));
  await pg.waitForExport("main");
  await pg.run();
  await pg.expectOutcome("success");
  await pg.tab("module");
  await pg.tab("result");
  const watch = await watchMainThread(page);
  await pg.openFile(wasm("nested.wasm", nestedBlocks(100_000)));
  await pg.waitForExport("main");
  await pg.run();
  await pg.expectOutcome("success");
  await expect(pg.value).toContainText("7");
  await pg.tab("module");
  await watch.expectNoLongTask("100,000 nested blocks");
});
