// Defaults of the page (the engine's own defaults differ: it has no fuel budget unless asked).
import type { PageLimits, PlaygroundState } from "./types";
import { EMPTY_CONSOLE } from "../console/console-lines";
import { DEFAULT_CLANG_OPTIONS } from "../../sandbox/toolchain/clang/options";

export const DEFAULT_LIMITS: PageLimits = {
  memoryMiB: 64,
  fuel: 100_000_000n,
  timeoutMs: 5_000,
  outputKiB: 1024,
};

/**
 * Ruby's defaults: CRuby's own start-up (`puts 6 * 7`, RubyGems off) uses 0.52 G fuel and peaks
 * at 67 MiB of its 256 MiB; instrumenting and compiling the 30 MB module take seconds on a slow
 * machine, inside the timeout. 10 G leaves ~9.5 G for the script (fib(20) uses 4.5 G in all).
 */
export const RUBY_LIMITS: PageLimits = {
  memoryMiB: 256,
  fuel: 10_000_000_000n,
  timeoutMs: 30_000,
  outputKiB: 1024,
};

/**
 * Options given to CRuby before the person's program arguments. RubyGems off: it makes start-up
 * 17× dearer (8.8 G fuel instead of 0.52 G) and the sandbox has no gems to load; a person who
 * wants it puts --enable-gems first in the program arguments.
 */
export const RUBY_OPTIONS = ["--disable-gems"] as const;

export const FUEL_PRESETS: { label: string; value: bigint | null }[] = [
  { label: "1M", value: 1_000_000n },
  { label: "100M", value: 100_000_000n },
  { label: "10G", value: 10_000_000_000n },
  { label: "∞", value: null },
];

/** Allowed unless the person says otherwise: what the host provides. */
export const DEFAULT_ALLOW_LIST = [
  "env.log",
  "env.abort",
  "env.trace", // AssemblyScript's trace(): prints to stdout
  "wasi_snapshot_preview1.*",
];

export const MEMORY_PRESETS = [1, 16, 64, 256, 1024];
export const TIMEOUT_PRESETS = [1_000, 5_000, 30_000];

export const DEFAULT_WAT = `;; Compiled in the toolchain worker, run in a disposable sandbox worker.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello from WebAssembly!")

  ;; add(a, b): choose it in "Run" and type two numbers.
  (func (export "add") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))

  (func (export "main") (result i32)
    (call $log (i32.const 0) (i32.const 23))
    (i32.const 42))
)
`;

export const DEFAULT_ASSEMBLYSCRIPT = `// AssemblyScript, compiled in the toolchain worker.
export function fibonacci(n: i32): i32 {
  let a = 0, b = 1;
  for (let i = 0; i < n; i++) {
    const t = a + b;
    a = b;
    b = t;
  }
  return a;
}

export function main(): i32 {
  return fibonacci(10);
}
`;

export const DEFAULT_C = `// C, compiled in your browser by clang (downloaded once, ~100 MiB, then cached).
#include <stdio.h>

int main(void) {
  printf("Hello from C!\\n");
  return 0;
}
`;

export const DEFAULT_CPP = `// C++ (built with -fno-exceptions), compiled in your browser by clang.
#include <cstdio>

class Counter {
 public:
  void add(int n) { total_ += n; }
  int total() const { return total_; }

 private:
  int total_ = 0;
};

int main() {
  Counter c;
  for (int i = 1; i <= 10; i++) c.add(i);
  std::printf("sum 1..10 = %d\\n", c.total());
  return 0;
}
`;

export const DEFAULT_RUBY = `# Ruby 3.4 (CRuby compiled to WebAssembly), run metered in the sandbox.
def fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)

puts "Hello from Ruby #{RUBY_VERSION}!"
puts (1..10).map { fib(_1) }.join(" ")
puts 6 * 7
`;

export function initialState(): PlaygroundState {
  return {
    language: "wat",
    sources: {
      wat: DEFAULT_WAT,
      assemblyscript: DEFAULT_ASSEMBLYSCRIPT,
      c: DEFAULT_C,
      cpp: DEFAULT_CPP,
      ruby: DEFAULT_RUBY,
    },
    clangOptions: DEFAULT_CLANG_OPTIONS,
    optimize: "none",
    binary: null,
    rubyRuntime: null,
    compiled: null,
    diagnostics: [],
    compileError: null,
    limits: DEFAULT_LIMITS,
    allowList: DEFAULT_ALLOW_LIST,
    importPolicy: {},
    stubs: [],
    bindings: [],
    entry: "",
    args: new Map(),
    compareUnmetered: false,
    compareOptimize: false,
    profileRuns: false,
    io: { stdin: "", argv: [], env: [], files: [], deterministic: true },
    phase: "idle",
    phaseDetail: null,
    runId: 0,
    running: false,
    result: null,
    history: [],
    console: EMPTY_CONSOLE,
    notices: [],
    tab: "result",
    reveal: null,
    exampleId: null,
    toolchainReady: false,
    clangProgress: null,
    compileHeld: false,
    sharedResult: null,
    limitReview: null,
  };
}
