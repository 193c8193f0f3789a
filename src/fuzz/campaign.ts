// A fuzz campaign: modules from three sources, each checked differentially, until a module count
// or a deadline. Used by the bounded Vitest run and by `npm run fuzz -- --minutes N`.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { corpusWasm } from "../hostile/wat";
import { checkModule, type Verdict } from "./differential";
import { Executor } from "./executor";
import { validMutant } from "./mutate";
import { Rng } from "./rng";
import { cleanUpScratch, translateToFuzz, type FeatureSet } from "./wasm-opt";

/** Corpus modules that end by themselves: seeds for --initial-fuzz and byte mutation. */
const SEED_FILES = [
  "normal.wat",
  "stack-deep-finite.wat",
  "mem-grow-reports.wat",
  "mem-max-over-cap.wat",
  "trap-deep-in-calls.wat",
  "trap-signature-mismatch.wat",
  "trap-null-indirect.wat",
  "trap-oob-store.wat",
  "trap-int-overflow.wat",
  "mem-data-past-end.wat",
];

/** Real compiled programs (C and AssemblyScript benchmark kernels), when present. */
function benchKernels(): Uint8Array[] {
  const dir = new URL("../../bench/kernels/", import.meta.url);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".wasm"))
    .map((f) => new Uint8Array(readFileSync(new URL(f, dir))));
}

export type Source = "translate-to-fuzz" | "initial-fuzz" | "mutated";

export interface Finding {
  source: Source;
  /** Campaign seed and module number: together they reproduce the module. */
  seed: number;
  index: number;
  details: string[];
  bytes: Uint8Array;
}

export interface CampaignStats {
  modules: number;
  executions: number;
  verdicts: Record<Verdict["verdict"], number>;
  bySource: Record<Source, number>;
  inconclusive: Record<string, number>;
  refused: Record<string, number>;
  findings: Finding[];
}

export interface CampaignOptions {
  seed: number;
  maxModules: number;
  /** Stop starting new modules after this (Date.now() value). */
  deadline: number;
  /** binaryen's features for generated modules; default "v8" (what Node 20 runs). */
  features?: FeatureSet;
  onProgress?: (stats: CampaignStats) => void;
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignStats> {
  const rng = new Rng(options.seed);
  const seeds = [...(await Promise.all(SEED_FILES.map((f) => corpusWasm(f)))), ...benchKernels()];
  const stats: CampaignStats = {
    modules: 0,
    executions: 0,
    verdicts: { same: 0, mismatch: 0, inconclusive: 0, refused: 0, invalid: 0 },
    bySource: { "translate-to-fuzz": 0, "initial-fuzz": 0, mutated: 0 },
    inconclusive: {},
    refused: {},
    findings: [],
  };
  const recent: Uint8Array[] = [];
  const executor = new Executor();
  try {
    for (let index = 0; index < options.maxModules && Date.now() < options.deadline; index++) {
      const roll = rng.int(10);
      const source: Source = roll < 6 ? "translate-to-fuzz" : roll < 8 ? "initial-fuzz" : "mutated";
      let bytes: Uint8Array | undefined;
      if (source === "translate-to-fuzz")
        bytes = translateToFuzz(rng.bytes(1000 + rng.int(20_000)), undefined, options.features);
      else if (source === "initial-fuzz")
        bytes = translateToFuzz(rng.bytes(500 + rng.int(5000)), rng.pick(seeds), options.features);
      else bytes = validMutant(rng.pick([...seeds, ...recent]), rng);
      if (!bytes) continue;
      if (source !== "mutated") {
        recent.push(bytes);
        if (recent.length > 8) recent.shift();
      }
      const verdict = await checkModule(bytes, executor);
      stats.modules++;
      stats.bySource[source]++;
      stats.executions += verdict.executions;
      stats.verdicts[verdict.verdict]++;
      if (verdict.verdict === "inconclusive") {
        stats.inconclusive[verdict.reason] = (stats.inconclusive[verdict.reason] ?? 0) + 1;
      } else if (verdict.verdict === "refused") {
        const key = verdict.reason.slice(0, 160);
        stats.refused[key] = (stats.refused[key] ?? 0) + 1;
      } else if (verdict.verdict === "mismatch") {
        stats.findings.push({ source, seed: options.seed, index, details: verdict.details, bytes });
      }
      options.onProgress?.(stats);
    }
  } finally {
    await executor.close();
    cleanUpScratch();
  }
  return stats;
}
