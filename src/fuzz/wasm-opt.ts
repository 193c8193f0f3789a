// Random valid modules from binaryen's `wasm-opt --translate-to-fuzz` (Node only). The features
// are the ones Node 20's V8 runs without flags; binaryen's others (GC, exnref, memory64, …) would
// make modules V8 refuses, which test nothing.
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
export function translateToFuzz(seed: Uint8Array, initial?: Uint8Array): Uint8Array | undefined {
  const dir = scratchDir();
  const input = join(dir, "seed.bin");
  const output = join(dir, "out.wasm");
  writeFileSync(input, seed);
  const args = [input, "--translate-to-fuzz", ...V8_FEATURES, "-o", output];
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
