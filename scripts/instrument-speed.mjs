// npm run bench:instrument -- [--against REF] [--reps N] [--counter lazy|cached] [--module FILE]
// Instrumentation speed of this tree against a git ref (default main), on CRuby (npm
// @ruby/3.4-wasm-wasi, 31 MB) or --module: the fuel pipeline (src/sandbox/instrument/
// pipeline.ts) of both trees is bundled with rolldown and run in one Node process, interleaved,
// so load on a shared machine falls on both alike. Times are the CPU time of the main thread
// (/proc/thread-self/stat on Linux, wall time elsewhere); the figure is the ratio of medians.
// It also says whether both trees wrote the same bytes (a refactor must).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rolldown } from "rolldown";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const against = option("--against", "main");
const reps = Number(option("--reps", 7));
const counter = option("--counter", "lazy");
const modulePath = option(
  "--module",
  join(root, "node_modules/@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm"),
);
if (!existsSync(modulePath)) {
  console.error(`no module at ${modulePath} (npm install, or pass --module FILE)`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "instrument-speed-"));
/** Bundles `src/sandbox/instrument/pipeline.ts` of the tree at `srcRoot` into one ES module. */
async function bundle(srcRoot, name) {
  const build = await rolldown({
    input: join(srcRoot, "src/sandbox/instrument/pipeline.ts"),
    platform: "node",
    logLevel: "silent",
  });
  const file = join(work, `${name}.mjs`);
  await build.write({ file, format: "esm" });
  return import(pathToFileURL(file).href);
}

/** CPU time of this thread in ms (10 ms ticks), or wall time where /proc is not there. */
const threadStat = "/proc/thread-self/stat";
const clock = existsSync(threadStat)
  ? () => {
      const fields = readFileSync(threadStat, "utf8").split(") ")[1].split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms
    }
  : () => performance.now();

try {
  const refTree = join(work, "ref");
  execFileSync("mkdir", ["-p", refTree]);
  const archive = execFileSync("git", ["archive", against, "src/sandbox"], {
    cwd: root,
    maxBuffer: 1 << 30,
  });
  execFileSync("tar", ["-x", "-C", refTree], { input: archive, maxBuffer: 1 << 30 });
  const trees = {
    [against]: await bundle(refTree, "ref"),
    "this tree": await bundle(root, "head"),
  };
  const bytes = new Uint8Array(readFileSync(modulePath));
  const limits = {
    maxFuel: 1_000_000_000,
    maxMemoryBytes: 256 * 2 ** 20,
    maxTableElements: 100_000,
    lazyCounter: counter === "lazy",
  };
  const times = Object.fromEntries(Object.keys(trees).map((name) => [name, []]));
  const hashes = {};
  for (let rep = 0; rep < reps; rep++) {
    for (const [name, tree] of Object.entries(trees)) {
      const start = clock();
      const out = tree.rewriteModule(bytes, limits);
      times[name].push(clock() - start);
      hashes[name] ??= createHash("sha256").update(out).digest("hex");
    }
  }
  const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const mb = bytes.length / 1e6;
  console.log(`${modulePath.split("/").pop()} (${mb.toFixed(1)} MB), ${counter} counter, ${reps} interleaved runs, ${existsSync(threadStat) ? "thread CPU" : "wall"} ms:`); // prettier-ignore
  for (const [name, v] of Object.entries(times)) {
    console.log(`  ${name.padEnd(12)} median ${median(v)} (${v.join(" ")}), ${(mb / (median(v) / 1000)).toFixed(1)} MB/s`); // prettier-ignore
  }
  const ratio = median(times["this tree"]) / median(times[against]);
  console.log(`this tree ÷ ${against}: ${ratio.toFixed(2)} (lower is faster)`);
  const same = hashes[against] === hashes["this tree"];
  console.log(same ? "same bytes from both trees" : "the trees write DIFFERENT bytes");
} finally {
  rmSync(work, { recursive: true, force: true });
}
