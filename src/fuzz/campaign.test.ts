// The bounded differential fuzz run of `npm run test:unit`: a fixed seed and a module/time bound
// (no timing assertions). FUZZ_MODULES / FUZZ_SECONDS / FUZZ_SEED widen it; `npm run fuzz` is
// the long form.
import { expect, test } from "vitest";
import { runCampaign } from "./campaign";

const MODULES = Number(process.env.FUZZ_MODULES ?? 30);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);

test(
  `instrumented modules behave like the originals (≤${MODULES} modules, ≤${SECONDS} s)`,
  async () => {
    const stats = await runCampaign({
      seed: SEED,
      maxModules: MODULES,
      deadline: Date.now() + SECONDS * 1000,
    });
    console.log(
      `fuzz: ${stats.modules} modules, ${stats.executions} executions, verdicts ${JSON.stringify(stats.verdicts)}, ` +
        `sources ${JSON.stringify(stats.bySource)}, inconclusive ${JSON.stringify(stats.inconclusive)}, refused ${JSON.stringify(stats.refused)}`,
    );
    expect(stats.modules).toBeGreaterThan(0);
    expect(
      stats.findings.map((f) => ({ source: f.source, index: f.index, details: f.details })),
    ).toEqual([]);
  },
  (SECONDS + 90) * 1000,
);
