// The slow half of the byte-identity check (golden-hashes.test.ts): the examples compiled
// afresh, the hostile bombs, fuzz modules and CRuby, against golden-hashes-slow.txt. Run it
// before landing a change to the instrumentation, and regenerate it like the fast one:
//   GOLDEN_SLOW=1 npx vitest run src/sandbox/instrument/golden/golden-slow.test.ts
//   GOLDEN_SLOW=1 GOLDEN_UPDATE=1 npx vitest run src/sandbox/instrument/golden/golden-slow.test.ts
// It also prints the time of the fuel pass on CRuby (rewriteModule, no V8 validation).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { rewriteModule } from "../pipeline";
import { crubyBytes, goldenLines, slowCorpus } from "./corpus";

const GOLDEN = join(import.meta.dirname, "golden-hashes-slow.txt");
const FUZZ_MODULES = 24;

describe.skipIf(!process.env.GOLDEN_SLOW)("byte identity, slow corpus", () => {
  test(
    "examples, bombs, fuzz modules and CRuby in every combination",
    { timeout: 900_000 },
    async () => {
      const lines = goldenLines(await slowCorpus(FUZZ_MODULES));
      if (process.env.GOLDEN_UPDATE) writeFileSync(GOLDEN, lines.join("\n") + "\n");
      const golden = readFileSync(GOLDEN, "utf8").trimEnd().split("\n");
      expect(lines.filter((line, i) => line !== golden[i])).toEqual([]);
      expect(lines).toEqual(golden);
    },
  );

  test.skipIf(!crubyBytes())(
    "instrumentation time on CRuby (printed)",
    { timeout: 300_000 },
    () => {
      const ruby = crubyBytes() as Uint8Array;
      const limits = { maxMemoryBytes: 64 << 20, maxTableElements: 100_000, deferStart: true, lazyCounter: true }; // prettier-ignore
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        rewriteModule(ruby, limits);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`CRuby rewriteModule ms, sorted: ${times.map((t) => t.toFixed(0)).join(" ")}`);
      expect(times.length).toBe(7);
    },
  );
});
