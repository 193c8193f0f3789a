// The page's first load (issue 20: it must not grow): the panels and views the first paint does
// not show load when first used, and a page that never opens them never requests them. Their
// chunks in the production build, their modules under the dev server, have these names.
import { expect, test, type Page } from "@playwright/test";
import { PlaygroundPage } from "./pages/playground-page";

const FIRST_USE = {
  profile: /ProfilePanel/,
  history: /HistoryPanel/,
  files: /FilesPanel/,
  imports: /ImportsPanel/,
  limits: /LimitsPanel/,
  module: /ModulePanel/,
  views: /ModuleViews/,
  review: /LimitReviewPanel/,
  drafts: /DraftsList/,
  examples: /ExamplesList/,
  inputs: /InputLists/,
  metering: /MeteringCompare/,
  refusal: /RefusalOffer/,
};
const ANY = new RegExp(
  Object.values(FIRST_USE)
    .map((r) => r.source)
    .join("|"),
);

function recordRequests(page: Page): (pattern: RegExp) => string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (ANY.test(path)) seen.push(path);
  });
  return (pattern) => seen.filter((path) => pattern.test(path));
}

/** Opens the page, recording its requests, and waits until the starter has compiled (its
 * exports are listed): the engine and compilers are up too. */
async function openRecording(page: Page) {
  const requested = recordRequests(page);
  const pg = new PlaygroundPage(page);
  await pg.open();
  await pg.waitForEditor();
  await expect(pg.entry).toBeEnabled({ timeout: 30_000 });
  return { pg, requested };
}

test("the first load requests no panel or view it does not show; each loads when first used", async ({
  page,
}) => {
  const { requested } = await openRecording(page);
  expect(requested(ANY)).toEqual([]);

  await page.getByTestId("tab-profile").click();
  await expect(page.getByTestId("profile-empty")).toBeVisible();
  expect(requested(FIRST_USE.profile).length).toBeGreaterThan(0);
  expect(requested(FIRST_USE.history)).toEqual([]);

  // Focusing a tab starts its fetch before it is chosen (the arrow keys move focus and choice).
  await page.getByTestId("tab-profile").press("ArrowRight");
  await expect(page.getByTestId("history-panel")).toBeVisible();
  expect(requested(FIRST_USE.history).length).toBeGreaterThan(0);

  await page.getByTestId("program-input").locator("summary").click();
  await expect(page.getByTestId("argv-list")).toBeVisible();
  expect(requested(FIRST_USE.inputs).length).toBeGreaterThan(0);

  await page.getByTestId("examples-button").click();
  await expect(page.getByTestId("examples-menu").locator(".menu__main").first()).toBeFocused();
  expect(requested(FIRST_USE.examples).length).toBeGreaterThan(0);
  await page.keyboard.press("Escape");

  await page.getByTestId("drafts-button").click();
  await expect(page.getByTestId("save-file")).toBeVisible();
  expect(requested(FIRST_USE.drafts).length).toBeGreaterThan(0);
  await page.keyboard.press("Escape");

  expect(requested(FIRST_USE.views)).toEqual([]);
  await page.getByTestId("view-module").click();
  await expect(page.getByTestId("module-view-module")).toBeVisible();
  expect(requested(FIRST_USE.views).length).toBeGreaterThan(0);
  // Nothing here asked for the rest.
  for (const key of ["files", "imports", "limits", "module", "review", "metering"] as const)
    expect(requested(FIRST_USE[key]), key).toEqual([]);
});

test("ticking 'run unmetered' fetches the comparison before the run that shows it", async ({
  page,
}) => {
  const { pg, requested } = await openRecording(page);
  expect(requested(FIRST_USE.metering)).toEqual([]);
  await page.getByTestId("compare-unmetered").check();
  await expect.poll(() => requested(FIRST_USE.metering).length).toBeGreaterThan(0);
  await pg.runAndExpect("success");
  await expect(page.getByTestId("metering-compare")).toBeVisible();
});
