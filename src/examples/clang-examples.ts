// C and C++ examples: compiled in the page by clang, so they are kept apart from EXAMPLES (whose
// modules the instrumentation's golden corpus and the catalogue's Node tests build without it).
// Their sources are files under public/examples (one copy each, fetched when an example is
// chosen, so the page's first load does not carry them); the word count's is the prebuilt WASI
// example's own source.
import type { ClangExample, ExampleLimits } from "./types";
import { WORDCOUNT_INPUT } from "./wasi-examples";

const CLANG_LIMITS: ExampleLimits = {
  maxFuel: 10_000_000,
  maxMemoryBytes: 64 * 1024 * 1024,
  timeoutMs: 10_000,
};

type ClangExampleSpec = Omit<ClangExample, "entry" | "args" | "allowedImports" | "limits">;

/** A WASI command: runs _start with the WASI imports allowed. */
function command(spec: ClangExampleSpec): ClangExample {
  return {
    ...spec,
    entry: "_start",
    args: [],
    limits: CLANG_LIMITS,
    allowedImports: ["wasi_snapshot_preview1.*"],
  };
}

export const CLANG_EXAMPLES: readonly ClangExample[] = [
  command({
    id: "c-hello",
    title: "C hello",
    description: "printf from C, compiled by clang in your browser (downloaded once, then cached).",
    language: "c",
    sourceUrl: "examples/clang/hello.c",
    expected: { success: true, output: "Hello from C, compiled in your browser!" },
  }),
  command({
    id: "c-wordcount",
    title: "C word count (reads a file)",
    description:
      "Counts lines, words and bytes of /input.txt and writes /output.txt: the WASI word " +
      "count's source, compiled here. Edit the input in the Files panel.",
    language: "c",
    sourceUrl: "examples/wasi/wordcount.c",
    io: { files: [{ path: "/input.txt", text: WORDCOUNT_INPUT }] },
    expected: { success: true, output: "wrote /output.txt: 4 lines, 9 words, 45 bytes" },
  }),
  command({
    id: "c-fib",
    title: "C recursive Fibonacci",
    description:
      "fib(n) by plain recursion for n = 0, 5, …, 20; the fuel shows what the calls cost.",
    language: "c",
    sourceUrl: "examples/clang/fib.c",
    expected: { success: true, output: "fib(20) = 6765" },
  }),
  command({
    id: "c-qsort",
    title: "C qsort with a comparator",
    description: "Sorts a table of scores with the C library's qsort and a comparator of our own.",
    language: "c",
    sourceUrl: "examples/clang/qsort.c",
    expected: { success: true, output: "1. c 12\n2. rust 12\n3. go 9\n4. wat 7\n5. zig 3\n" },
  }),
  command({
    id: "cpp-class",
    title: "C++ class (no exceptions)",
    description: "A fixed-size stack class in C++, built with -fno-exceptions.",
    language: "cpp",
    sourceUrl: "examples/clang/class.cpp",
    clangOptions: { exceptions: false },
    expected: { success: true, output: "64 49 36 25 16 9 4 1 \nempty: yes" },
  }),
];
