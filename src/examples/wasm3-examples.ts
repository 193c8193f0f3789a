// The Wasm 3.0 examples: a GC tree (prebuilt: wabt cannot compile GC text), exception handling
// with exnref and a 64-bit memory (compiled in the page). Kept apart from EXAMPLES: Node 20's V8
// runs none of them, so the tests that take every example in Node (byte identity, Node against
// Chromium) leave them out, and their own tests run with Node 24 in CI.
import type { BinaryExample, Example, ExampleLimits, SourceExample } from "./types";
import { EXCEPTIONS_WAT, MEMORY64_WAT } from "./wasm3-sources";

const MiB = 1024 * 1024;
const WASM3_LIMITS: ExampleLimits = {
  maxFuel: 10_000_000,
  maxMemoryBytes: 64 * MiB,
  timeoutMs: 10_000,
};

export const GC_TREE_EXAMPLE: BinaryExample = {
  id: "gc-tree",
  title: "GC binary tree (Wasm 3.0, prebuilt .wasm)",
  description:
    "Builds a binary tree of depth 10 from GC structs and arrays (1,023 nodes numbered 1, 2, 3, …) " +
    "and returns the sum of their numbers. The page's WAT compiler (wabt) cannot read GC text, " +
    "so this runs a binary built from gc-tree.wat by wasm-tools: read its source through " +
    "“Built from gc-tree.wat”; to change it, rebuild it with wasm-tools and open the .wasm.",
  language: "wasm",
  url: "examples/wasm3/gc-tree.wasm",
  sourceUrl: "examples/wasm3/gc-tree.wat",
  sourceLanguage: "wat",
  entry: "main",
  args: [10],
  limits: WASM3_LIMITS,
  allowedImports: [],
  expected: { success: true, value: 523_776 },
};

export const EXCEPTIONS_EXAMPLE: SourceExample = {
  id: "exceptions",
  title: "Exceptions with exnref (Wasm 3.0)",
  description:
    "A tag thrown 33 calls deep, passed on by every frame with catch_all_ref and throw_ref, and " +
    "caught by main's try_table, which returns its payload: the first number whose square " +
    "exceeds 1000. Fuel stays exact while the exception crosses frames.",
  language: "wat",
  source: EXCEPTIONS_WAT,
  entry: "main",
  args: [1000],
  limits: WASM3_LIMITS,
  allowedImports: [],
  expected: { success: true, value: 32 },
};

export const MEMORY64_EXAMPLE: SourceExample = {
  id: "memory64",
  title: "64-bit memory (Wasm 3.0)",
  description:
    "The sieve of Eratosthenes in a 64-bit memory: i64 addresses, and memory.grow with an i64 " +
    "page count, under the same memory cap. Counts the primes below 1,000,000.",
  language: "wat",
  source: MEMORY64_WAT,
  entry: "main",
  args: [1_000_000n],
  limits: { ...WASM3_LIMITS, maxFuel: 100_000_000 },
  allowedImports: [],
  expected: { success: true, value: 78_498n },
};

export const WASM3_EXAMPLES: readonly Example[] = [
  GC_TREE_EXAMPLE,
  EXCEPTIONS_EXAMPLE,
  MEMORY64_EXAMPLE,
];
