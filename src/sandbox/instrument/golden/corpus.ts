// The byte-identity corpus: every module the instrumentation is checked on, and every option
// combination it is instrumented with. Its outputs' SHA-256 hashes are the golden file
// (golden-hashes.txt): a change to the instrumentation's code must leave every one of them
// identical, so no fuel count and no emitted byte moves by accident. Node only (test support).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { EXAMPLES } from "../../../examples/catalog";
import { exampleBytes } from "../../../examples/example-bytes.test-support";
import { HOSTILE_CASES } from "../../../hostile/cases";
import type { InstrumentLimits } from "../abi";
import { rewriteModuleWithFacts, resolveBudget } from "../pipeline";
import type { FuelCounterShape } from "../counter-shape";

const ROOT = join(import.meta.dirname, "../../../..");

/** One option combination: the limits and, for the bench/test shapes, the counter shape. */
export interface Combo {
  name: string;
  limits: InstrumentLimits;
  counter?: FuelCounterShape;
}

const MiB = 1024 * 1024;
const FUEL = 10n ** 9n;

/** The shapes the tests, the benches and the sandbox use (lazy and exact, metered or not). */
export const COMBOS: readonly Combo[] = [
  { name: "global", limits: { maxMemoryBytes: 64 * MiB, maxFuel: FUEL }, counter: "global" },
  { name: "scratch", limits: { maxMemoryBytes: 64 * MiB, maxFuel: FUEL }, counter: "scratch" },
  { name: "cached", limits: { maxMemoryBytes: 64 * MiB, maxFuel: FUEL } },
  { name: "lazy", limits: { maxMemoryBytes: 64 * MiB, maxFuel: FUEL, lazyCounter: true } },
  {
    name: "sandbox-lazy",
    limits: { maxMemoryBytes: 64 * MiB, maxTableElements: 100_000, deferStart: true, lazyCounter: true }, // prettier-ignore
  },
  {
    name: "sandbox-exact",
    limits: { maxMemoryBytes: 64 * MiB, maxTableElements: 100_000, deferStart: true, maxFuel: FUEL }, // prettier-ignore
  },
  {
    name: "unmetered",
    limits: { maxMemoryBytes: 64 * MiB, maxTableElements: 100_000, deferStart: true, meter: false }, // prettier-ignore
  },
  {
    name: "small-caps",
    limits: { maxMemoryBytes: 2 * MiB, maxTableElements: 10, maxFuel: 1000n, lazyCounter: true },
  },
];

export interface CorpusModule {
  name: string;
  bytes: Uint8Array;
}

function wasmFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...wasmFiles(path));
    else if (entry.endsWith(".wasm")) out.push(path);
  }
  return out;
}

/** Hostile cases whose bytes take seconds to make, validate or instrument in Node. */
const isBomb = (id: string) => id.startsWith("bomb-");
/** Too slow even for the slow corpus (Node 20's V8 validates 200k types in minutes). */
const TOO_SLOW = new Set(["bomb-types-200k", "bomb-types-over-limit"]);

/** The modules the instrument tests compile from WAT, captured once (see golden-hashes.test.ts). */
export const TEST_MODULES_PACK = join(import.meta.dirname, "test-modules.bin.gz");

/** Modules packed as [u32 LE length][bytes]…, gzipped. */
export function unpack(packed: Uint8Array): Uint8Array[] {
  const raw = gunzipSync(packed);
  const out: Uint8Array[] = [];
  for (let at = 0; at < raw.length;) {
    const length = raw.readUInt32LE(at);
    out.push(new Uint8Array(raw.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  return out;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

class CorpusBuilder {
  readonly modules: CorpusModule[] = [];
  private readonly seen = new Set<string>();

  /** Adds a module unless it is a duplicate or V8 refuses it (the passes never see those). */
  add(name: string, bytes: Uint8Array): void {
    const hash = sha256(bytes);
    if (this.seen.has(hash) || !WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) return;
    this.seen.add(hash);
    this.modules.push({ name, bytes });
  }
}

/**
 * The fast corpus (CI, a few seconds): the bench kernels, the example and WASI fixture files, the
 * corpus's own fixtures (golden/fixtures: shapes no other module reaches),
 * the hostile corpus but its bombs, and the modules of the instrument and examples tests
 * (test-modules.bin.gz, the compiled examples of the catalogue among them).
 */
export async function fastCorpus(): Promise<CorpusModule[]> {
  const corpus = new CorpusBuilder();
  for (const dir of [
    "bench/kernels",
    "public/examples",
    "src/sandbox/runner/wasi/fixtures",
    "src/sandbox/instrument/golden/fixtures",
  ]) {
    // prettier-ignore
    for (const file of wasmFiles(join(ROOT, dir))) {
      corpus.add(file.slice(ROOT.length + 1), new Uint8Array(readFileSync(file)));
    }
  }
  for (const c of HOSTILE_CASES) if (!isBomb(c.id)) corpus.add(`hostile:${c.id}`, await c.bytes());
  for (const bytes of unpack(readFileSync(TEST_MODULES_PACK))) {
    corpus.add(`test:${sha256(bytes).slice(0, 16)}`, bytes);
  }
  return corpus.modules;
}

/** binaryen's fuzzer, with the features Node 20's V8 runs (as fuzz.test.ts). */
function fuzzModules(count: number): Uint8Array[] {
  const wasmOpt = join(ROOT, "node_modules/binaryen/bin/wasm-opt");
  const features = ["bulk-memory", "sign-ext", "nontrapping-float-to-int", "simd", "multivalue", "tail-call", "reference-types", "mutable-globals"]; // prettier-ignore
  const dir = mkdtempSync(join(tmpdir(), "golden-fuzz-"));
  try {
    let state = 0x2545f491;
    const modules: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const seed = new Uint8Array(8000 + i * 1000).map(() => {
        state = (state * 1_103_515_245 + 12_345) >>> 0;
        return state >>> 24;
      });
      writeFileSync(join(dir, "seed"), seed);
      const out = join(dir, `m${i}.wasm`);
      const flags = features.map((f) => `--enable-${f}`);
      execFileSync(wasmOpt, [join(dir, "seed"), "--translate-to-fuzz", ...flags, "-o", out], {
        stdio: "ignore",
      });
      modules.push(new Uint8Array(readFileSync(out)));
    }
    return modules;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const CRUBY_NAME = "@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm";

/** CRuby's bytes, or undefined when the package is not installed. */
export function crubyBytes(): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(createRequire(import.meta.url).resolve(CRUBY_NAME)));
  } catch {
    return undefined;
  }
}

/**
 * The slow corpus (a script, about a minute): the catalogue's examples compiled afresh, the
 * hostile bombs, `fuzzCount` fuzz modules and CRuby.
 */
export async function slowCorpus(fuzzCount: number): Promise<CorpusModule[]> {
  const corpus = new CorpusBuilder();
  for (const example of EXAMPLES) corpus.add(`example:${example.id}`, await exampleBytes(example));
  for (const c of HOSTILE_CASES) {
    if (isBomb(c.id) && !TOO_SLOW.has(c.id)) corpus.add(`hostile:${c.id}`, await c.bytes());
  }
  fuzzModules(fuzzCount).forEach((bytes, i) => corpus.add(`fuzz:${i}`, bytes));
  const ruby = crubyBytes();
  if (ruby) corpus.add(CRUBY_NAME, ruby);
  return corpus.modules;
}

/** What one combination makes of one module: the output's hash and the pass's facts, or the refusal. */
export function instrumentedDigest(bytes: Uint8Array, combo: Combo): string {
  try {
    const budget = resolveBudget(combo.limits.maxFuel);
    const out = rewriteModuleWithFacts(bytes, combo.limits, budget, combo.counter);
    const facts = [
      `lazy=${out.lazyFunctions.length}`,
      `threaded=${out.threadedFunctions.length}`,
      `counted=${out.countedLoops}`,
      `paired=${out.pairedLoops}`,
    ];
    return `${sha256(out.bytes)} ${facts.join(" ")}`;
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return `refused ${sha256(error).slice(0, 16)}`;
  }
}

/** Golden-file lines, `module combo digest`, in corpus order. */
export function goldenLines(modules: readonly CorpusModule[]): string[] {
  const lines: string[] = [];
  for (const m of modules) {
    for (const combo of COMBOS)
      lines.push(`${m.name} ${combo.name} ${instrumentedDigest(m.bytes, combo)}`);
  }
  return lines;
}
