// The Wasm 3.0 spec scripts (e2e/fixtures/wasm3-spec, the Chromium journey's) in this Node's
// V8, through instrument(): whatever passes uninstrumented must pass instrumented. Node 20 has
// neither GC nor memory64 and skips it; Node 24 runs it (PATH=/tmp/node24/node_modules/.bin:$PATH).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { runWastScript } from "../testing/wast-runner";
import type { WastScript } from "../testing/wast-script";
import { instrument } from "./index";

const FIXTURE = join(import.meta.dirname, "../../../e2e/fixtures/wasm3-spec/scripts.json.gz");
const suite = JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString()) as {
  scripts: WastScript[];
};
/** struct.new 0 of an empty struct type: validates only where V8 has GC. */
const GC_PROBE = new Uint8Array([
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 8, 2, 0x5f, 0, 0x60, 0, 1, 0x64, 0, 3, 2, 1, 1, 10, 7, 1,
  5, 0, 0xfb, 0, 0, 0x0b,
]); // prettier-ignore
const hasGc = WebAssembly.validate(GC_PROBE);

describe.skipIf(!hasGc)("Wasm 3.0 spec scripts in Node's V8", () => {
  test(
    "every assertion that passes uninstrumented passes instrumented",
    { timeout: 600_000 },
    async () => {
      const violations: string[] = [];
      const refusals: Record<string, number> = {};
      const tally = { assertions: 0, originalPass: 0, meteredPass: 0, refused: 0 };
      for (const script of suite.scripts) {
        const original = await runWastScript(script);
        const metered = await runWastScript(script, async (bytes) => {
          const outcome = await instrument(bytes, { maxMemoryBytes: 2 ** 32, maxFuel: 2n ** 62n });
          return outcome.ok
            ? { ok: true, bytes: outcome.bytes as Uint8Array<ArrayBuffer> }
            : { ok: false, message: `${outcome.kind}: ${outcome.message}` };
        });
        original.forEach((r, i) => {
          const m = metered[i];
          tally.assertions++;
          if (r.outcome === "pass") tally.originalPass++;
          if (m.outcome === "pass") tally.meteredPass++;
          if (m.outcome === "refused") {
            tally.refused++;
            const reason = (m.detail ?? "").replace(/\d+/g, "N").slice(0, 120);
            refusals[reason] = (refusals[reason] ?? 0) + 1;
          }
          if (r.outcome === "pass" && m.outcome === "fail") {
            violations.push(`${script.file}:${r.line} ${m.type}: ${m.detail}`);
          }
        });
      }
      console.log(JSON.stringify({ tally, refusals }, null, 1));
      expect(violations).toEqual([]);
    },
  );
});
