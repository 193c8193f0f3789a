// Random valid modules from binaryen's `wasm-opt --translate-to-fuzz` (Node only). The default
// features are the ones Node 20's V8 runs without flags; WASM3_FEATURES adds GC, exceptions and
// memory64, for a Node whose V8 ships them (Node 24: `npm run fuzz -- --wasm3` run by that node).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BINARYEN_BIN = fileURLToPath(
  new URL("../../node_modules/binaryen/bin/", import.meta.url),
);

export const V8_FEATURES = [
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int",
  "--enable-bulk-memory",
  "--enable-bulk-memory-opt",
  "--enable-multivalue",
  "--enable-reference-types",
  "--enable-simd",
  "--enable-tail-call",
];

/** Wasm 3.0 on top: V8 13.6 (Node 24, Chromium 136+) runs all of these without flags. */
export const WASM3_FEATURES = [
  ...V8_FEATURES,
  "--enable-gc",
  "--enable-exception-handling",
  "--enable-memory64",
  "--enable-extended-const",
];

export type FeatureSet = "v8" | "wasm3";

export function featureFlags(set: FeatureSet): string[] {
  return set === "wasm3" ? WASM3_FEATURES : V8_FEATURES;
}

let scratch: string | undefined;

function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), "wasm-fuzz-"));
  return scratch;
}

/** Removes the scratch directory (call at the end of a campaign). */
export function cleanUpScratch(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/**
 * A valid module made from `seed` bytes; with `initial`, binaryen starts from that module and
 * mutates and extends it (`--initial-fuzz`). undefined if wasm-opt failed.
 */
export function translateToFuzz(
  seed: Uint8Array,
  initial?: Uint8Array,
  features: FeatureSet = "v8",
): Uint8Array | undefined {
  const dir = scratchDir();
  const input = join(dir, "seed.bin");
  const output = join(dir, "out.wasm");
  writeFileSync(input, seed);
  const args = [input, "--translate-to-fuzz", ...featureFlags(features), "-o", output];
  if (initial) {
    writeFileSync(join(dir, "initial.wasm"), initial);
    args.push("--initial-fuzz", join(dir, "initial.wasm"));
  }
  try {
    execFileSync(join(BINARYEN_BIN, "wasm-opt"), args, { stdio: "ignore", timeout: 60_000 });
    return new Uint8Array(readFileSync(output));
  } catch {
    return undefined;
  }
}
