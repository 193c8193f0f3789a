// Page object of the playground: journeys read what a person sees, and set code through the
// page's hook (window.playground), never by typing into Monaco.
import { expect, type Locator, type Page } from "@playwright/test";

export type Outcome = "success" | "none" | string;

export class PlaygroundPage {
  readonly outcome: Locator;
  readonly value: Locator;
  readonly console: Locator;
  readonly runButton: Locator;
  readonly stopButton: Locator;
  readonly phase: Locator;
  readonly entry: Locator;
  readonly notice: Locator;
  readonly fileName: Locator;

  constructor(readonly page: Page) {
    this.outcome = page.getByTestId("outcome");
    this.value = page.getByTestId("result-value");
    this.console = page.getByTestId("console");
    this.runButton = page.getByTestId("run");
    this.stopButton = page.getByTestId("stop");
    this.phase = page.getByTestId("phase");
    this.entry = page.getByTestId("entry");
    this.notice = page.getByTestId("notice");
    this.fileName = page.getByTestId("file-name");
  }

  async open(url = "/"): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForFunction(() => window.playground !== undefined);
    await this.page.evaluate(() => window.playground!.ready);
  }

  async waitForEditor(): Promise<void> {
    await expect(this.page.getByTestId("editor")).toHaveAttribute("data-ready", "true", {
      timeout: 30_000,
    });
  }

  async setSource(
    text: string,
    language: "wat" | "assemblyscript" | "c" | "cpp" | "ruby" = "wat",
  ): Promise<void> {
    await this.page.evaluate(([t, l]) => window.playground!.setSource(t, l), [
      text,
      language,
    ] as const);
  }

  async getSource(): Promise<string> {
    return this.page.evaluate(() => window.playground!.getSource().text);
  }

  async setLimits(limits: {
    memoryMiB?: number;
    fuel?: number | null;
    timeoutMs?: number;
  }): Promise<void> {
    await this.page.evaluate((l) => window.playground!.setLimits(l), limits);
  }

  /** Waits until the export picker lists this export (the module has compiled). */
  async waitForExport(name: string): Promise<void> {
    await expect(this.entry.locator(`option[value="${name}"]`)).toHaveCount(1, { timeout: 30_000 });
  }

  async chooseExample(id: string, run: boolean): Promise<void> {
    await this.page.getByTestId("examples-button").click();
    const menu = this.page.getByTestId("examples-menu");
    if (run) await menu.getByTestId(`example-run-${id}`).click();
    else await menu.locator(`li:has([data-testid="example-run-${id}"]) .menu__main`).click();
  }

  async run(): Promise<void> {
    await this.runButton.click();
  }

  /** Answers "Run with these limits" to the question Run asks after a link raised them. */
  async confirmLimits(): Promise<void> {
    await this.page.getByTestId("limits-confirm").click();
  }

  /** How many runs the History tab counts. */
  async historyCount(): Promise<number> {
    const count = this.page.getByTestId("tab-history").locator(".count");
    return (await count.count()) === 0 ? 0 : Number(await count.textContent());
  }

  /** Clicks Run and waits for THIS run's result (not a stale one of the same kind). */
  async runAndExpect(kind: Outcome, timeout = 60_000): Promise<void> {
    const before = await this.historyCount();
    await this.run();
    await expect(this.page.getByTestId("tab-history").locator(".count")).toHaveText(
      String(before + 1),
      { timeout },
    );
    await this.expectOutcome(kind, timeout);
  }

  async expectOutcome(kind: Outcome, timeout = 60_000): Promise<void> {
    await expect(this.outcome).toHaveAttribute("data-kind", kind, { timeout });
    await expect(this.runButton).toBeVisible({ timeout });
  }

  async setArgs(values: string[]): Promise<void> {
    for (const [i, v] of values.entries()) await this.page.getByTestId(`arg-${i}`).fill(v);
  }

  async tab(
    name: "result" | "files" | "limits" | "imports" | "module" | "profile" | "history",
  ): Promise<void> {
    await this.page.getByTestId(`tab-${name}`).click();
  }

  async openFile(file: { name: string; mimeType: string; buffer: Buffer } | string): Promise<void> {
    await this.page.getByTestId("file-input").setInputFiles(file);
  }

  /** A synthetic drag and drop of a file onto the page (the editor area). */
  async dropFile(name: string, bytes: Buffer): Promise<void> {
    const data = await this.page.evaluateHandle(
      ([n, b64]) => {
        // A plain loop: Uint8Array.from(string, fn) took 50 ms per 200 KB (211 ms on a busy
        // machine), a main-thread task of the test's own inside a journey's watch.
        const text = atob(b64);
        const bin = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bin[i] = text.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([bin], n, { type: "application/wasm" }));
        return dt;
      },
      [name, bytes.toString("base64")] as const,
    );
    const target = this.page.getByTestId("editor");
    await target.dispatchEvent("dragenter", { dataTransfer: data });
    await target.dispatchEvent("dragover", { dataTransfer: data });
    await target.dispatchEvent("drop", { dataTransfer: data });
  }

  /** A synthetic drop of files onto an element (a test id): the page's drop handlers see real Files. */
  async dropFilesOn(testId: string, files: { name: string; text: string }[]): Promise<void> {
    const data = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: "text/plain" }));
      return dt;
    }, files);
    const target = this.page.getByTestId(testId);
    await target.dispatchEvent("dragenter", { dataTransfer: data });
    await target.dispatchEvent("dragover", { dataTransfer: data });
    await target.dispatchEvent("drop", { dataTransfer: data });
  }

  /**
   * From the next page load on, records every text the phase line shows, so a text shown for a
   * moment (a download's progress) can be asserted afterwards: call before open().
   */
  async recordPhases(): Promise<void> {
    await this.page.addInitScript(() => {
      const phases: string[] = [];
      (window as unknown as { __phases: string[] }).__phases = phases;
      const seen = () => {
        const text = document.querySelector('[data-testid="phase"]')?.textContent ?? "";
        if (phases.at(-1) !== text) phases.push(text);
      };
      new MutationObserver(seen).observe(document, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
  }

  /** The phase texts recorded since the page loaded (recordPhases). */
  async seenPhases(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __phases?: string[] }).__phases ?? []);
  }

  /** The guest's output and fuel of the last run, as the page's hook reports them. */
  async lastRun(): Promise<{ output: string; stderr: string; fuel: string | null }> {
    return this.page.evaluate(() => {
      const r = window.playground!.lastResult();
      return {
        output: r?.output ?? "",
        stderr: r?.stderr ?? "",
        fuel: r?.fuelConsumed === undefined ? null : String(r.fuelConsumed),
      };
    });
  }

  /** Saves a screenshot for reviewers (UI_SCREENSHOT_DIR overrides test-results/screenshots). */
  async screenshot(name: string): Promise<void> {
    const dir = process.env.UI_SCREENSHOT_DIR ?? "test-results/screenshots";
    await this.page.screenshot({ path: `${dir}/${name}.png` });
  }
}
