// C and C++ in the page (issue 20): one page and one compiler load shared by the journeys, in
// order. The compiler (~105 MB) downloads once, in its own worker; a second page of the same
// browser reads it back from Cache Storage. Code is set through window.playground.
import { readFile } from "node:fs/promises";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { linkWithJson } from "../src/share/test-support";
import { CLANG_EXAMPLES } from "../src/examples/clang-examples";
import { watchMainThread } from "./long-tasks";
import { PlaygroundPage } from "./pages/playground-page";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const HELLO = `#include <stdio.h>
int main(void) {
  int sum = 0;
  for (int i = 1; i <= 10; i++) sum += i * i;
  printf("sum of squares %d\\n", sum);
  return 0;
}
`;

/** The compiler's files as the page requests them (workers' requests included). */
const COMPILER_FILE = /\/llvm[.-][^/]*\.(wasm|tar)$/;

/**
 * Code and files that exist only for C/C++ or binaryen, loaded when first used (the bars above
 * the editor, binaryen's comparison and optimising half, the C/C++ examples' sources): their
 * chunks in the production build, their modules under the dev server.
 */
const LAZY_CODE = /clang-ui|ClangOptionsBar|ClangProgress|OptimizeCompare|binaryen-module/;
const EXAMPLE_SOURCE = /\/examples\/(clang\/[^/]+|wasi\/wordcount)\.c(pp)?$/;

let context: BrowserContext;
let pg: PlaygroundPage;
const compilerRequests: string[] = [];
const lazyRequests: string[] = [];

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  context.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (COMPILER_FILE.test(path)) compilerRequests.push(request.url());
    if (LAZY_CODE.test(path) || EXAMPLE_SOURCE.test(path)) lazyRequests.push(path);
  });
  pg = new PlaygroundPage(await context.newPage());
  await pg.open();
});

test.afterAll(async () => {
  await context.close();
});

/** Records every text the compiler's progress bar shows, from now on. */
async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __clangProgress: string[] }).__clangProgress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="clang-progress"]');
      const text = bar?.textContent ?? "";
      if (text !== "" && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () =>
    page.evaluate(() => (window as unknown as { __clangProgress: string[] }).__clangProgress);
}

test("the first load carries no C/C++ or binaryen code: each part loads when first used, the editor does not move", async () => {
  await pg.waitForEditor();
  expect(lazyRequests).toEqual([]);
  const requested = (pattern: RegExp) => lazyRequests.filter((path) => pattern.test(path));

  // Choosing a binaryen level loads its comparison; its optimising half loads with the first run.
  await pg.page.evaluate(() => window.playground!.setBuildOptions({ optimize: "O1" }));
  await expect.poll(() => requested(/OptimizeCompare/).length).toBeGreaterThan(0);
  expect(requested(/clang-ui|ClangOptionsBar/)).toEqual([]);
  await pg.page.evaluate(() => window.playground!.setBuildOptions({ optimize: "none" }));

  // Choosing C loads its options bar; a placeholder of its height holds its place meanwhile
  // (the bar's code is held back here so the placeholder can be measured).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await pg.page.route(/clang-ui|ClangOptionsBar/, async (route) => {
    await held;
    await route.continue();
  });
  const editorTop = async () => (await pg.page.getByTestId("editor").boundingBox())!.y;
  await pg.setSource(HELLO, "c");
  await expect(pg.page.locator(".clang-options.bar-placeholder")).toHaveCount(1);
  const topWithPlaceholder = await editorTop();
  release();
  await expect(pg.page.getByTestId("clang-options")).toBeVisible();
  expect(await editorTop()).toBe(topWithPlaceholder);
  await pg.page.unrouteAll();
  expect(requested(/clang-ui|ClangOptionsBar/).length).toBeGreaterThan(0);
  expect(requested(EXAMPLE_SOURCE)).toEqual([]);
});

test("C: Run downloads the compiler with a progress bar, compiles and prints; the main thread stays free", async () => {
  const progress = await recordProgress(pg.page);
  const watch = await watchMainThread(pg.page);
  await pg.setSource(HELLO, "c");
  // Choosing C and typing start no download (past the 700 ms auto-compile delay): Run does.
  await pg.page.waitForTimeout(1_500);
  expect(compilerRequests).toEqual([]);
  await pg.runAndExpect("success", 150_000);
  await watch.expectNoLongTask("C first compile and run");
  await expect(pg.console).toContainText("sum of squares 385");
  expect((await pg.lastRun()).output).toBe("sum of squares 385\n");
  const seen = await progress();
  expect(
    seen.some((t) => /^Downloading the C\/C\+\+ compiler: [\d.]+ of 10\d\.\d MiB$/.test(t)),
  ).toBe(true);
  expect(seen).toContain("Preparing the C/C++ compiler…");
  expect(seen).toContain("Compiling…");
  // The bar leaves once the compile is done.
  await expect(pg.page.getByTestId("clang-progress")).toHaveCount(0);
  expect(compilerRequests.length).toBeGreaterThanOrEqual(2);
});

test("C: a compile error is a marker on its line and a console entry; the source is kept", async () => {
  await pg.waitForEditor();
  const broken = "#include <stdio.h>\nint main(void) {\n  return x;\n}\n";
  await pg.setSource(broken, "c");
  const compiled = await pg.page.evaluate(() => window.playground!.compile());
  expect(compiled.ok).toBe(false);
  expect(compiled.diagnostics[0]).toMatchObject({ line: 3, column: 10, severity: "error" });
  await expect(pg.console).toContainText(
    "compile_error: Line 3, column 10: use of undeclared identifier 'x'",
  );
  const squiggly = pg.page.locator(".code-editor__host .squiggly-error").first();
  await expect(squiggly).toBeVisible();
  const lineNumber = pg.page
    .locator(".code-editor__host .line-numbers")
    .filter({ hasText: /^3$/ })
    .first();
  const [mark, line] = [await squiggly.boundingBox(), await lineNumber.boundingBox()];
  const middle = mark!.y + mark!.height / 2;
  expect(middle).toBeGreaterThanOrEqual(line!.y);
  expect(middle).toBeLessThanOrEqual(line!.y + line!.height);
  expect(await pg.getSource()).toBe(broken);
});

test("C++ with exceptions on: a program that does not throw runs; one that throws says why it cannot link", async () => {
  const exceptionsBox = pg.page.getByLabel("C++ exceptions");
  await pg.setSource(
    '#include <cstdio>\nstruct Twice { int v; int get() const { return 2 * v; } };\nint main() { Twice t{21}; std::printf("twice %d\\n", t.get()); }\n',
    "cpp",
  );
  expect(
    await pg.page.evaluate(() => window.playground!.setBuildOptions({ exceptions: true })),
  ).toBe(null);
  await expect(exceptionsBox).toBeChecked();
  await pg.runAndExpect("success", 120_000);
  expect((await pg.lastRun()).output).toBe("twice 42\n");

  const throwing = "int main() { throw 1; }\n";
  await pg.setSource(throwing, "cpp");
  const compiled = await pg.page.evaluate(() => window.playground!.compile());
  expect(compiled.ok).toBe(false);
  expect(compiled.diagnostics.map((d) => d.message).join("\n")).toMatch(
    /C\+\+ exceptions are not available/,
  );
  await expect(pg.console).toContainText("compile_error");
  expect(await pg.getSource()).toBe(throwing);
  await exceptionsBox.uncheck();
});

test("build options travel in a share link; a second page reads the compiler from the cache", async () => {
  await pg.setSource('#include <stdio.h>\nint main(void) { printf("N=%d\\n", N); }\n', "c");
  expect(
    await pg.page.evaluate(() =>
      window.playground!.setBuildOptions({ optLevel: "Os", flags: ["-DN=6", "-Wall"] }),
    ),
  ).toBe(null);
  await pg.runAndExpect("success", 120_000);
  expect((await pg.lastRun()).output).toBe("N=6\n");
  const shared = await pg.page.evaluate(() => window.playground!.share());
  if (!shared.ok) throw new Error(shared.message);

  const downloads = compilerRequests.length;
  const other = new PlaygroundPage(await context.newPage());
  try {
    await other.open(shared.url);
    await expect(other.page.getByTestId("clang-opt-level")).toHaveValue("Os");
    await expect(other.page.getByTestId("clang-flags")).toHaveValue("-DN=6 -Wall");
    const progress = await recordProgress(other.page);
    await other.runAndExpect("success", 120_000);
    expect((await other.lastRun()).output).toBe("N=6\n");
    const seen = await progress();
    expect(
      seen.some((t) => t.startsWith("Reading the C/C++ compiler from the browser cache")),
    ).toBe(true);
    expect(seen.some((t) => t.startsWith("Downloading"))).toBe(false);
    expect(compilerRequests.length, "no compiler file fetched from the server again").toBe(
      downloads,
    );
  } finally {
    await other.page.close();
  }
});

test("a link with a flag outside the allow-list is refused with a clear message", async () => {
  const mine = await pg.getSource();
  const link = await linkWithJson(
    JSON.stringify({
      v: 1,
      language: "c",
      source: "int main(void) { return 0; }\n",
      clang: { flags: ["-Xclang", "-load"] },
    }),
  );
  await pg.page.goto("about:blank"); // a fresh document: the link is read as the page loads
  await pg.open(`/${link}`);
  const notice = pg.notice.filter({ hasText: "cannot be opened" });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText("allow-list");
  await expect(notice).toContainText("Your work is unchanged");
  expect(await pg.getSource()).toBe(mine);
});

// All five compile and run in src/examples/clang-examples.test.ts; here the menu's path for the
// one that reads a file and the C++ one (each compile costs seconds on a loaded machine).
const MENU_JOURNEY_EXAMPLES = ["c-wordcount", "cpp-class"];

test("C and C++ examples run from the Examples menu with their output", async () => {
  for (const example of CLANG_EXAMPLES.filter((e) => MENU_JOURNEY_EXAMPLES.includes(e.id))) {
    const before = lazyRequests.length;
    await pg.chooseExample(example.id, true);
    // Its source is fetched when it is chosen, not with the page.
    await expect
      .poll(() => lazyRequests.slice(before))
      .toContainEqual(expect.stringContaining(example.sourceUrl));
    if (!example.expected.success) throw new Error("every C example is meant to succeed");
    await expect(pg.console).toContainText(example.expected.output!.split("\n")[0]!, {
      timeout: 60_000,
    });
    await pg.expectOutcome("success");
    expect((await pg.lastRun()).output).toContain(example.expected.output);
  }
});

test("binaryen -Oz makes the C module smaller with the same output", async () => {
  await pg.chooseExample("c-qsort", false);
  await pg.runAndExpect("success", 120_000);
  const plain = await pg.lastRun();
  const setOptimize = (level: string) =>
    pg.page.evaluate((l) => window.playground!.setBuildOptions({ optimize: l as "Oz" }), level);
  expect(await setOptimize("O9")).toMatch(/optimize must be one of none, O1/);
  expect(await setOptimize("Oz")).toBe(null);
  await expect(pg.page.getByTestId("optimize-level")).toHaveValue("Oz");
  await pg.runAndExpect("success", 120_000);
  expect((await pg.lastRun()).output).toBe(plain.output);
  await expect(pg.console).toContainText(/binaryen -Oz: [\d,]+ → [\d,]+ bytes/);
  const [, before, after] = /binaryen -Oz: ([\d,]+) → ([\d,]+) bytes/.exec(
    (await pg.console.textContent()) ?? "",
  )!;
  const bytes = (text: string) => Number(text.replace(/,/g, ""));
  expect(bytes(after!)).toBeLessThan(bytes(before!));
  await expect(pg.page.getByTestId("optimized-size")).toBeVisible();
  // Read whole, not cut off: the figures, and the phase line beside the run options.
  for (const id of ["optimized-size", "phase"]) {
    const clipped = await pg.page
      .getByTestId(id)
      .evaluate(
        (el) =>
          el.scrollWidth > el.clientWidth ||
          el.getBoundingClientRect().right >
            el.closest("section, dl")!.getBoundingClientRect().right,
      );
    expect(clipped, `${id} is cut off`).toBe(false);
  }

  // Side by side with the module as built, on the person's click: the same run, both metered.
  const optimizedFuel = (await pg.lastRun()).fuel!;
  await expect(pg.page.getByTestId("optimize-compare")).toHaveCount(0);
  await pg.page.getByTestId("compare-optimize").check();
  await pg.runAndExpect("success", 120_000);
  const compare = pg.page.getByTestId("optimize-compare");
  await expect(compare.getByTestId("optimize-compare-output")).toHaveText("same output");
  const fuelOf = (column: string) => compare.getByTestId(`optimize-compare-${column}-fuel`);
  await expect(fuelOf("with")).toHaveAttribute("data-fuel", optimizedFuel);
  await expect(fuelOf("without")).toHaveAttribute("data-fuel", plain.fuel!);
  expect(optimizedFuel).not.toBe(plain.fuel);
  await pg.page.getByTestId("compare-optimize").uncheck();

  // The WAT view shows the module that runs: binaryen's output, and says so; with optimize off,
  // the module as built.
  const shownModule = async (which: RegExp) => {
    const view = pg.page.getByTestId("module-view-module");
    await expect(view.getByTestId("module-view-which")).toHaveText(which, { timeout: 60_000 });
    await expect(view.getByTestId("disassembly")).toBeVisible({ timeout: 60_000 });
    const download = pg.page.waitForEvent("download");
    await view.getByTestId("download-module").click();
    const path = await (await download).path();
    return (await readFile(path)).byteLength;
  };
  await pg.page.getByTestId("view-module").click();
  expect(await shownModule(/binaryen -Oz's output, the module that runs/)).toBe(bytes(after!));
  await pg.page.getByTestId("optimize-level").selectOption("none");
  expect(await shownModule(/the module that runs \(binaryen off\)/)).toBe(bytes(before!));
  await pg.page.getByTestId("view-source").click();
});
