// The examples menu: the original design's cases, each runnable in one click, plus a few that
// show one more limit or host feature each. Order is the menu's order.
import { FIBONACCI_AS, STRINGS_AS } from "./assemblyscript-sources";
import type { Example, ExampleLimits } from "./types";
import { WASI_EXAMPLES } from "./wasi-examples";
import { CLANG_EXAMPLES } from "./clang-examples";
import { WASM3_EXAMPLES } from "./wasm3-examples";
import {
  ANSWER_WAT,
  FORBIDDEN_IMPORT_WAT,
  FUEL_HUNGRY_WAT,
  HELLO_LOG_WAT,
  INFINITE_LOOP_WAT,
  MEMORY_BOMB_WAT,
  STACK_OVERFLOW_WAT,
} from "./wat-sources";

export type {
  ClangExample,
  Example,
  ExampleExpectation,
  ExampleIo,
  ExampleLanguage,
  ExampleLimits,
} from "./types";

const MiB = 1024 * 1024;

/** The original design's config: 64 MB, ~1M instructions, 10 s. */
const ORIGINAL_LIMITS: ExampleLimits = {
  maxFuel: 1_000_000,
  maxMemoryBytes: 64 * MiB,
  timeoutMs: 10_000,
};

export const EXAMPLES: readonly Example[] = [
  {
    id: "answer",
    title: "Return 42",
    description: "The original design's first test: a module whose main returns 42.",
    language: "wat",
    source: ANSWER_WAT,
    entry: "main",
    args: [],
    limits: ORIGINAL_LIMITS,
    allowedImports: [],
    expected: { success: true, value: 42 },
  },
  {
    id: "rust-add",
    title: "Rust add (prebuilt .wasm)",
    description:
      "The original design's Rust example, add(a: i32, b: i32) -> i32, run from a prebuilt binary. " +
      "This binary is built from C with the same signature (public/examples/add.c), because the " +
      "Rust wasm32-unknown-unknown target is not installed on the machine that builds the examples; " +
      "the Rust source is kept beside it as add.rs.",
    language: "wasm",
    url: "examples/add.wasm",
    sourceUrl: "examples/add.c",
    sourceLanguage: "c",
    entry: "add",
    args: [5, 7],
    limits: ORIGINAL_LIMITS,
    allowedImports: [],
    expected: { success: true, value: 12 },
  },
  {
    id: "as-fibonacci",
    title: "AssemblyScript fibonacci",
    description:
      "The original design's AssemblyScript example: recursive fibonacci(n: i32): i32, compiled in " +
      "the browser. fibonacci(25) makes 242,785 calls; compare the metered and unmetered times.",
    language: "assemblyscript",
    source: FIBONACCI_AS,
    entry: "fibonacci",
    args: [25],
    limits: { maxFuel: 10_000_000, maxMemoryBytes: 64 * MiB, timeoutMs: 10_000 },
    allowedImports: ["env.abort"],
    expected: { success: true, value: 75025 },
  },
  {
    id: "hello-log",
    title: "Hello via env.log",
    description: "Prints a greeting through the host function env.log(ptr, len).",
    language: "wat",
    source: HELLO_LOG_WAT,
    entry: "main",
    args: [],
    limits: ORIGINAL_LIMITS,
    allowedImports: ["env.log"],
    expected: { success: true, output: "Hello from WebAssembly!" },
  },
  {
    id: "infinite-loop",
    title: "Infinite loop (timeout)",
    description:
      "The original design's second test: an endless loop with no fuel budget and a 1 s timeout. " +
      "The worker running it is terminated and the run ends as a timeout.",
    language: "wat",
    source: INFINITE_LOOP_WAT,
    entry: "main",
    args: [],
    limits: { maxFuel: null, maxMemoryBytes: 64 * MiB, timeoutMs: 1_000 },
    allowedImports: [],
    expected: { success: false, errorKind: "timeout" },
  },
  {
    id: "fuel-hungry",
    title: "Fuel-hungry loop",
    description:
      "A loop of about 120 million instructions against a budget of 1,000,000 fuel: it stops " +
      "deterministically with fuel exhausted. Without a budget it finishes and returns -2014260032.",
    language: "wat",
    source: FUEL_HUNGRY_WAT,
    entry: "main",
    args: [],
    limits: ORIGINAL_LIMITS,
    allowedImports: [],
    expected: { success: false, errorKind: "fuel_exhausted" },
  },
  {
    id: "memory-bomb",
    title: "Memory bomb",
    description:
      "Grows memory page by page until the 16 MiB cap refuses the next page (memory.grow returns " +
      "-1), then traps like an allocator that ran out of memory: reported as the memory limit.",
    language: "wat",
    source: MEMORY_BOMB_WAT,
    entry: "main",
    args: [],
    limits: { maxFuel: 10_000_000, maxMemoryBytes: 16 * MiB, timeoutMs: 10_000 },
    allowedImports: [],
    expected: { success: false, errorKind: "memory_limit" },
  },
  {
    id: "forbidden-import",
    title: "Forbidden import",
    description:
      "Imports env.read_file, which is not on the allow-list (only env.log is): the run is refused " +
      "before the module is instantiated, naming the import.",
    language: "wat",
    source: FORBIDDEN_IMPORT_WAT,
    entry: "main",
    args: [],
    limits: ORIGINAL_LIMITS,
    allowedImports: ["env.log"],
    expected: { success: false, errorKind: "import_denied" },
  },
  {
    id: "stack-overflow",
    title: "Stack overflow",
    description: "Recursion without a base case: the call stack runs out before the fuel does.",
    language: "wat",
    source: STACK_OVERFLOW_WAT,
    entry: "main",
    args: [0],
    limits: { maxFuel: 100_000_000, maxMemoryBytes: 64 * MiB, timeoutMs: 10_000 },
    allowedImports: [],
    expected: { success: false, errorKind: "stack_overflow" },
  },
  {
    id: "as-strings",
    title: "AssemblyScript strings and arrays",
    description:
      "Splits a sentence, filters and upper-cases words in a growing array: AssemblyScript's " +
      "garbage-collected runtime at work. Returns how many words are longer than the argument.",
    language: "assemblyscript",
    source: STRINGS_AS,
    entry: "countLongWords",
    args: [4],
    limits: ORIGINAL_LIMITS,
    allowedImports: ["env.abort"],
    expected: { success: true, value: 4 },
  },
  ...WASI_EXAMPLES,
];

/**
 * The Examples menu: EXAMPLES, the Wasm 3.0 ones, then the C and C++ ones (compiled in the page
 * by clang).
 */
export const MENU_EXAMPLES: readonly Example[] = [
  ...EXAMPLES,
  ...WASM3_EXAMPLES,
  ...CLANG_EXAMPLES,
];

export function findExample(id: string): Example | undefined {
  return MENU_EXAMPLES.find((example) => example.id === id);
}
