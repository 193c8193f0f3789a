// npm run bench:shapes -- [--reps N] [--only fib,interp] [--shapes cached,lazy] [--js-flags "…"]
// Compares the fuel pass's counter shapes (counter-shape.ts, FuelCounterShape) on the benchmark
// kernels: each kernel is instrumented in every shape and timed in headless Chromium next to the
// original, interleaved in one page, without the sandbox around it. For trying a new code shape;
// `npm run bench` gives the figures of record (through the sandbox, CPU time).
//
// One more shape, "unchecked", is not a meter: the lazy shape with its exhaustion checks
// overwritten by nops (uncheck() below), i.e. the floor that any placement of the checks could
// reach. Every variant's result is compared with the original's, so a mangled kernel shows.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright";
import { runnerImport } from "vite";
import { chromiumArgs, chromiumPath } from "./chromium.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const reps = Number(option("--reps", 9));
const shapes = option("--shapes", "global,scratch,cached,lazy,unchecked").split(",");
const only = option("--only", undefined)?.split(",");
const jsFlags = option("--js-flags", undefined);

const { module: instrument } = await runnerImport(
  resolve(root, "src/sandbox/instrument/index.ts"),
  { root, configFile: false, logLevel: "error" },
);
const params = JSON.parse(readFileSync(resolve(root, "bench/kernels/params.json"), "utf8"));
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [...chromiumArgs, ...(jsFlags ? [`--js-flags=${jsFlags}`] : [])],
});
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

/**
 * The lazy shape's checks (charge-code.ts: `local.tee $c; i64.const 0; i64.lt_s; br_if $exit`
 * and the commit's `local.get $c; …`) turned into a plain `local.set $c` or nothing, padded with
 * nops so no size moves. Matched on bytes, so guest code of the same bytes changes too (the
 * result check catches that).
 */
function uncheck(bytes) {
  const out = Uint8Array.from(bytes);
  const NOP = 0x01;
  for (let i = 3; i + 5 < out.length; i++) {
    if (out[i] !== 0x42 || out[i + 1] !== 0x00 || out[i + 2] !== 0x53 || out[i + 3] !== 0x0d)
      continue;
    const op = out[i - 2] < 0x80 && (out[i - 3] & 0x80) === 0 ? i - 2 : i - 3; // 1- or 2-byte local
    if (out[op] !== 0x22 && out[op] !== 0x20) continue;
    let end = i + 4;
    while (out[end] & 0x80) end++;
    if (out[op] === 0x22) out[op] = 0x21; // tee → set: the charge stays, the check goes
    out.fill(NOP, out[op] === 0x21 ? i : op, end + 1);
  }
  return out;
}
const logs = Object.fromEntries(shapes.map((s) => [s, []]));
try {
  const page = await browser.newPage();
  console.log(`kernel            original   ${shapes.map((s) => s.padStart(8)).join(" ")}`);
  for (const [kernel, arg] of Object.entries(params)) {
    if (only && !only.includes(kernel)) continue;
    const original = new Uint8Array(readFileSync(resolve(root, `bench/kernels/${kernel}.wasm`)));
    const variants = { original: [...original] };
    for (const shape of shapes) {
      const limits = { maxMemoryBytes: 1 << 30 };
      const counter = shape === "unchecked" ? "lazy" : shape;
      const bytes = instrument.rewriteModule(original, limits, undefined, counter);
      variants[shape] = [...(shape === "unchecked" ? uncheck(bytes) : bytes)];
    }
    const times = await page.evaluate(
      async ([variants, arg, reps]) => {
        const runs = {};
        let expected;
        for (const [name, bytes] of Object.entries(variants)) {
          const imports = { env: { abort() {} } };
          const { instance } = await WebAssembly.instantiate(new Uint8Array(bytes), imports);
          runs[name] = instance.exports.run;
          const result = runs[name](arg); // also tiers up
          expected ??= result;
          if (result !== expected) throw new Error(`${name} returned ${result}, not ${expected}`);
        }
        const times = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
        for (let i = 0; i < reps; i++) {
          for (const [name, run] of Object.entries(runs)) {
            const started = performance.now();
            run(arg);
            times[name].push(performance.now() - started);
          }
        }
        return times;
      },
      [variants, arg, reps],
    );
    const base = median(times.original);
    const ratios = shapes.map((shape) => median(times[shape]) / base);
    ratios.forEach((r, i) => logs[shapes[i]].push(Math.log(r)));
    console.log(
      `${kernel.padEnd(16)} ${base.toFixed(1).padStart(7)} ms ${ratios.map((r) => r.toFixed(3).padStart(8)).join(" ")}`,
    );
  }
  const geomean = (v) => Math.exp(v.reduce((a, x) => a + x, 0) / v.length);
  console.log(
    `${"geomean".padEnd(27)} ${shapes.map((s) => geomean(logs[s]).toFixed(3).padStart(8)).join(" ")}`,
  );
} finally {
  await browser.close();
}
