// The Wasm 3.0 core testsuite (pinned, converted by scripts/wasm3-spec-convert.mjs), run in
// Chromium's V8 assertion by assertion twice: the original modules, and every module through
// instrument() first. The promise checked: every assertion V8 passes uninstrumented also passes
// instrumented, unless instrument() refuses the module (counted: the fuel pass does not cover
// all of 3.0 yet) or the skip list names it with a reason. The counts are printed and written
// to test-results/wasm3-spec.json, so coverage that grows shows without a harness change.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import type { WastResult, WastScript } from "../src/sandbox/testing/wast-script";
import { ORIGINAL_FAILS, METERED_FAILS } from "./fixtures/wasm3-spec/skips";

interface Suite {
  testsuite: string;
  commit: string;
  scripts: WastScript[];
}

const suite = JSON.parse(
  gunzipSync(
    readFileSync(new URL("fixtures/wasm3-spec/scripts.json.gz", import.meta.url)),
  ).toString(),
) as Suite;

type Tally = Record<"assertions" | "pass" | "fail" | "refused" | "not_run", number>;
const emptyTally = (): Tally => ({ assertions: 0, pass: 0, fail: 0, refused: 0, not_run: 0 });

test("Wasm 3.0 testsuite: what V8 passes uninstrumented passes instrumented", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("harness.html");
  await expect(page.locator("body[data-ready=true]")).toBeAttached();

  const byProposal: Record<string, { original: Tally; metered: Tally }> = {};
  const violations: string[] = [];
  const unlistedOriginalFails: string[] = [];
  const seenSkips = new Set<string>();
  // Why instrument() refused modules: message (digits folded) → commands it cost.
  const refusals: Record<string, number> = {};
  for (const script of suite.scripts) {
    const { original, metered } = await page.evaluate(async (script) => {
      const { instrument } = window.sandboxLib;
      const original = await window.wastHarness.runWastScript(script);
      const metered = await window.wastHarness.runWastScript(script, async (bytes) => {
        // Ample limits: the caps at the spec's own maximum, fuel that never runs out.
        const outcome = await instrument(bytes, { maxMemoryBytes: 2 ** 32, maxFuel: 2n ** 62n });
        return outcome.ok
          ? { ok: true, bytes: outcome.bytes as Uint8Array<ArrayBuffer> }
          : { ok: false, message: `${outcome.kind}: ${outcome.message}` };
      });
      return { original, metered };
    }, script);
    const tally = (byProposal[script.proposal] ??= {
      original: emptyTally(),
      metered: emptyTally(),
    });
    const count = (t: Tally, r: WastResult) => (t.assertions++, t[r.outcome]++);
    original.forEach((r, i) => {
      const m = metered[i]!;
      count(tally.original, r);
      count(tally.metered, m);
      const key = `${script.file}:${r.line}`;
      if (m.outcome === "refused") {
        const reason = (m.detail ?? "").replace(/\d+/g, "N").slice(0, 140);
        refusals[reason] = (refusals[reason] ?? 0) + 1;
      }
      if (r.outcome === "fail") {
        if (key in ORIGINAL_FAILS) seenSkips.add(key);
        else unlistedOriginalFails.push(`${key} ${r.type}: ${r.detail}`);
      }
      if (r.outcome === "pass" && m.outcome === "fail") {
        if (key in METERED_FAILS) seenSkips.add(key);
        else violations.push(`${key} ${m.type}: ${m.detail}`);
      }
    });
  }

  const total = { original: emptyTally(), metered: emptyTally() };
  for (const t of Object.values(byProposal)) {
    for (const run of ["original", "metered"] as const) {
      for (const k of Object.keys(t[run]) as (keyof Tally)[]) total[run][k] += t[run][k];
    }
  }
  const stale = [...Object.keys(ORIGINAL_FAILS), ...Object.keys(METERED_FAILS)].filter(
    (k) => !seenSkips.has(k),
  );
  const report = {
    testsuite: suite.testsuite,
    commit: suite.commit,
    total,
    byProposal,
    refusals,
    stale,
  };
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/wasm3-spec.json", JSON.stringify(report, null, 2));
  for (const [proposal, t] of Object.entries({ ...byProposal, total })) {
    const o = t.original;
    const m = t.metered;
    console.log(
      `${proposal.padEnd(20)} ${o.assertions} commands; uninstrumented ${o.pass} pass ${o.fail} fail ` +
        `${o.not_run} not run; instrumented ${m.pass} pass ${m.fail} fail ${m.refused} refused`,
    );
  }
  for (const [reason, n] of Object.entries(refusals)) console.log(`refused (${n}): ${reason}`);
  if (stale.length) console.log(`skip-list entries that no longer fail: ${stale.join(", ")}`);

  expect(unlistedOriginalFails, "uninstrumented failures missing from the skip list").toEqual([]);
  expect(violations, "passes uninstrumented, fails instrumented").toEqual([]);
  // The harness itself works: most of the suite runs and passes uninstrumented.
  expect(total.original.pass).toBeGreaterThan(
    0.9 * total.original.assertions - total.original.not_run,
  );
});
