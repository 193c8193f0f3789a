// WASI command examples: C programs built against wasi-libc (public/examples/wasi, rebuilt by
// scripts/build-wasi-examples.sh), each with the program input it needs as a preset.
import type { BinaryExample, ExampleLimits } from "./types";

const MiB = 1024 * 1024;
const WASI_LIMITS: ExampleLimits = {
  maxFuel: 10_000_000,
  maxMemoryBytes: 64 * MiB,
  timeoutMs: 10_000,
};

type WasiExampleSpec = Omit<
  BinaryExample,
  | "language"
  | "url"
  | "sourceUrl"
  | "sourceLanguage"
  | "entry"
  | "args"
  | "allowedImports"
  | "limits"
> & { file: string; limits?: ExampleLimits };

function wasi({ file, limits, ...rest }: WasiExampleSpec): BinaryExample {
  return {
    ...rest,
    language: "wasm",
    url: `examples/wasi/${file}.wasm`,
    sourceUrl: `examples/wasi/${file}.c`,
    sourceLanguage: "c",
    entry: "_start",
    args: [],
    limits: limits ?? WASI_LIMITS,
    allowedImports: ["wasi_snapshot_preview1.*"],
  };
}

export const WORDCOUNT_INPUT = "the quick brown fox\njumps over\n\nthe lazy dog\n";

export const WASI_EXAMPLES: readonly BinaryExample[] = [
  wasi({
    id: "wasi-hello",
    title: "WASI hello (C, prebuilt .wasm)",
    description:
      "A C program built against wasi-libc: main() prints to stdout and stderr through WASI " +
      "fd_write. Runs its _start command entry with the wasi_snapshot_preview1 imports allowed.",
    file: "hello",
    expected: { success: true, output: "Hello from C on WASI!" },
  }),
  wasi({
    id: "wasi-wordcount",
    title: "WASI word count (files)",
    description:
      "Reads /input.txt from the in-memory file system and writes /output.txt (lines, words, " +
      "bytes). Edit the input in the Files panel; after the run, view or download the output.",
    file: "wordcount",
    io: { files: [{ path: "/input.txt", text: WORDCOUNT_INPUT }] },
    expected: { success: true, output: "wrote /output.txt: 4 lines, 9 words, 45 bytes" },
  }),
  wasi({
    id: "wasi-args-env",
    title: "WASI arguments and environment",
    description:
      "Prints argv and the environment variables, one per line. Change them under " +
      "“Program input” and run again.",
    file: "args-env",
    io: { argv: ["hello", "world"], env: [["GREETING", "hi"]] },
    expected: { success: true, output: "env GREETING=hi" },
  }),
  wasi({
    id: "wasi-stdin-echo",
    title: "WASI stdin echo",
    description: "Echoes stdin with line numbers and counts the bytes it read.",
    file: "stdin-echo",
    io: { stdin: "first line\nsecond line\n" },
    expected: { success: true, output: "read 23 bytes from stdin" },
  }),
  wasi({
    id: "wasi-exit3",
    title: "WASI exit(3)",
    description:
      "Prints a line, then calls exit(3) (WASI proc_exit): the run ends as an exit with code 3.",
    file: "exit3",
    expected: { success: false, errorKind: "exit" },
  }),
  wasi({
    id: "wasi-clock-random",
    title: "WASI clocks and randomness",
    description:
      "Reads the clocks, sleeps 10 ms and draws 16 random bytes. Deterministic (the default): " +
      "every run prints the same and uses the same fuel. Turn determinism off in Limits for real values.",
    file: "clock-random",
    expected: { success: true, output: "random:" },
  }),
  wasi({
    id: "wasi-forever",
    title: "WASI endless loop (timeout)",
    description:
      "A C loop that never ends, with no fuel budget and a 1 s timeout: the worker is terminated.",
    file: "forever",
    limits: { maxFuel: null, maxMemoryBytes: 64 * MiB, timeoutMs: 1_000 },
    expected: { success: false, errorKind: "timeout" },
  }),
];
