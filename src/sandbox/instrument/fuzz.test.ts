// Differential fuzzing: random valid modules from binaryen's `wasm-opt --translate-to-fuzz`
// (restricted to features Node 20's V8 runs) behave the same plain and instrumented, and every
// counter shape of the fuel pass counts the same fuel.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { FUEL_REMAINING_EXPORT, GROW_REFUSED_EXPORT, MEMORY_EXPORT, rewriteModule } from "./index";
import { readFuel } from "./read-abi";

const WASM_OPT = join(process.cwd(), "node_modules/binaryen/bin/wasm-opt");
const FEATURES = [
  "--enable-bulk-memory",
  "--enable-sign-ext",
  "--enable-nontrapping-float-to-int",
  "--enable-simd",
  "--enable-multivalue",
  "--enable-tail-call",
  "--enable-reference-types",
  "--enable-mutable-globals",
];
// Each module takes wasm-opt (binaryen.js under Node) ~2 s to make; raise for a longer campaign.
const SEEDS = Number(process.env.INSTRUMENT_FUZZ_SEEDS ?? 4);

function fuzzModules(): Uint8Array[] {
  const dir = mkdtempSync(join(tmpdir(), "instrument-fuzz-"));
  try {
    const modules: Uint8Array[] = [];
    let state = Number(process.env.INSTRUMENT_FUZZ_STATE ?? 0x2545f491);
    for (let i = 0; i < SEEDS; i++) {
      const seed = new Uint8Array(8000 + i * 1000).map(() => {
        state = (state * 1_103_515_245 + 12_345) >>> 0;
        return state >>> 24;
      });
      writeFileSync(join(dir, "seed"), seed);
      const out = join(dir, `m${i}.wasm`);
      execFileSync(WASM_OPT, [join(dir, "seed"), "--translate-to-fuzz", ...FEATURES, "-o", out], {
        stdio: "ignore",
      });
      modules.push(new Uint8Array(readFileSync(out)));
    }
    return modules;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Function references differ per instance: compare them by presence only. */
const normal = (v: unknown): unknown =>
  typeof v === "function" ? "[function]" : Array.isArray(v) ? v.map(normal) : v;

/** Calls every exported function once, in order, on one instance; records all it can see. */
async function exercise(bytes: Uint8Array) {
  const log: unknown[] = [];
  const support = new Proxy(
    {},
    {
      get:
        (_t, name) =>
        (...args: unknown[]) =>
          void log.push([name, ...args.map(normal)]),
    },
  );
  const imports = {
    "fuzzing-support": support,
    __fuzz_import: { extern$: "ext" },
  } as unknown as WebAssembly.Imports;
  let instance: WebAssembly.Instance;
  try {
    ({ instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, imports));
  } catch (e) {
    log.push(["start threw", e instanceof Error ? e.message : String(e)]);
    return { log, instance: undefined };
  }
  const reserved = [FUEL_REMAINING_EXPORT, GROW_REFUSED_EXPORT, MEMORY_EXPORT];
  for (const [name, value] of Object.entries(instance.exports)) {
    if (typeof value !== "function") continue;
    try {
      log.push([name, "=", normal(value())]);
    } catch (e) {
      log.push([name, "threw", e instanceof Error ? e.message : String(e)]);
    }
  }
  for (const [name, value] of Object.entries(instance.exports)) {
    if (reserved.includes(name)) continue;
    if (value instanceof WebAssembly.Global) {
      try {
        log.push([name, normal(value.value)]);
      } catch {
        log.push([name, "v128"]); // JS cannot read a v128 global
      }
    }
    if (value instanceof WebAssembly.Memory) log.push([name, new Uint8Array(value.buffer)]);
  }
  return { log, instance };
}

describe.skipIf(!existsSync(WASM_OPT))("differential fuzzing", () => {
  test(
    `${SEEDS} random modules: same behaviour, same fuel in every counter shape`,
    async () => {
      let calls = 0;
      let invalid = 0;
      for (const original of fuzzModules()) {
        // Now and then wasm-opt emits something Node 20's V8 does not take: not a test case.
        if (!WebAssembly.validate(original as Uint8Array<ArrayBuffer>)) {
          invalid++;
          continue;
        }
        const plain = await exercise(original);
        calls += plain.log.length;
        const fuel = new Set<bigint>();
        // The lazy shape counts the same, but after a trap its global lags (abi.ts, lazyCounter).
        const trapped = plain.log.some((entry) => Array.isArray(entry) && entry[1] === "threw");
        for (const counter of ["global", "scratch", "cached", "lazy"] as const) {
          const limits = { maxMemoryBytes: 1 << 30, maxFuel: 10n ** 15n };
          const bytes = rewriteModule(original, limits, undefined, counter);
          const metered = await exercise(bytes);
          expect(metered.log).toEqual(plain.log);
          if (metered.instance && (counter !== "lazy" || !trapped)) {
            fuel.add(readFuel(metered.instance, 10n ** 15n).consumed);
          }
        }
        expect(fuel.size).toBe(plain.instance ? 1 : 0);
      }
      expect(invalid).toBeLessThan(Math.max(1, SEEDS / 10));
      expect(calls).toBeGreaterThan((SEEDS - invalid) * 5);
    },
    30_000 + SEEDS * 10_000,
  );
});
