// `npm run fuzz` (scripts/fuzz.mjs loads this through Vite's module runner, so it is plain
// TypeScript like the rest of src/). Modes:
//   --minutes N [--seed S] [--out DIR] [--wasm3]   a campaign; findings are written to DIR;
//                                         --wasm3 adds GC, exceptions and memory64 (run it with
//                                         a Node whose V8 has them: Node 24, see README)
//   --check FILE                          one module: prints "same", "mismatch", …; exit 1 on mismatch
//   --reduce FILE                         minimises a finding with binaryen's wasm-reduce
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCampaign, type CampaignStats } from "./campaign";
import { checkModule } from "./differential";
import { Executor } from "./executor";
import { BINARYEN_BIN, featureFlags } from "./wasm-opt";

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function summary(stats: CampaignStats, elapsedS: number): string {
  return (
    `${elapsedS.toFixed(0)} s: ${stats.modules} modules, ${stats.executions} executions, ` +
    `${stats.findings.length} mismatches (same ${stats.verdicts.same}, inconclusive ${stats.verdicts.inconclusive}, ` +
    `refused ${stats.verdicts.refused})`
  );
}

async function check(file: string): Promise<number> {
  const executor = new Executor();
  try {
    const verdict = await checkModule(new Uint8Array(readFileSync(file)), executor);
    // Only the verdict word: wasm-reduce compares this output between the original and each
    // smaller candidate, so details that shift as the module shrinks must not be in it.
    console.log(verdict.verdict);
    if (verdict.verdict === "mismatch" && process.env.FUZZ_VERBOSE)
      console.error(verdict.details.join("\n"));
    return verdict.verdict === "mismatch" ? 1 : 0;
  } finally {
    await executor.close();
  }
}

function reduce(file: string, script: string, wasm3: boolean): number {
  const out = file.replace(/\.wasm$/, "") + ".reduced.wasm";
  const test = join(tmpdir(), `fuzz-reduce-${process.pid}.wasm`);
  execFileSync(
    join(BINARYEN_BIN, "wasm-reduce"),
    [
      resolve(file),
      `--command=node ${script} --check ${test}`,
      "-t",
      test,
      "-w",
      out,
      "-b",
      BINARYEN_BIN,
      ...featureFlags(wasm3 ? "wasm3" : "v8"),
    ],
    { stdio: "inherit" },
  );
  console.log(`reduced: ${out}`);
  return 0;
}

async function campaign(argv: string[]): Promise<number> {
  const minutes = Number(option(argv, "--minutes") ?? 5);
  const seed = Number(option(argv, "--seed") ?? Date.now() % 2 ** 31);
  const features = argv.includes("--wasm3") ? "wasm3" : "v8";
  const out = resolve(option(argv, "--out") ?? join(tmpdir(), "wasm-sandbox-fuzz-findings"));
  const started = Date.now();
  let lastPrint = started;
  console.log(
    `fuzz: seed ${seed}, ${minutes} min, features ${features}, node ${process.version}, findings to ${out}`,
  );
  const stats = await runCampaign({
    seed,
    maxModules: Number.MAX_SAFE_INTEGER,
    deadline: started + minutes * 60_000,
    features,
    onProgress: (s) => {
      if (Date.now() - lastPrint < 30_000) return;
      lastPrint = Date.now();
      console.log(summary(s, (Date.now() - started) / 1000));
    },
  });
  console.log(summary(stats, (Date.now() - started) / 1000));
  console.log(`by source: ${JSON.stringify(stats.bySource)}`);
  console.log(`inconclusive: ${JSON.stringify(stats.inconclusive)}`);
  console.log(`refused by instrument(): ${JSON.stringify(stats.refused, null, 1)}`);
  if (stats.findings.length > 0) mkdirSync(out, { recursive: true });
  for (const f of stats.findings) {
    const path = join(out, `${f.source}-${f.seed}-${f.index}.wasm`);
    writeFileSync(path, f.bytes);
    console.log(`MISMATCH ${path}\n  ${f.details.join("\n  ")}`);
  }
  return stats.findings.length > 0 ? 1 : 0;
}

/** Returns the process exit code. `script` is the path of scripts/fuzz.mjs (for --reduce). */
export async function main(argv: string[], script: string): Promise<number> {
  const checkFile = option(argv, "--check");
  if (checkFile) return check(checkFile);
  const reduceFile = option(argv, "--reduce");
  if (reduceFile) return reduce(reduceFile, script, argv.includes("--wasm3"));
  return campaign(argv);
}
