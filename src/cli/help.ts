// The --help texts, laid out like wasmtime's: a line on what it does, Usage, Commands or
// Arguments, Options, then the exit statuses.
import { EXIT_CODES, EXIT_USAGE } from "./exit-codes";

const TOP = `Runs untrusted WebAssembly with an exact fuel budget, a memory cap, an import allow-list and a
time limit, in a worker thread that is killed when time is up.

Usage: wasm-sandbox <COMMAND>

Commands:
  run         Runs a WebAssembly module
  instrument  Writes a module with a fuel budget and a memory cap built in, for other hosts
  help        Prints this message or the help of the given command

Options:
  -h, --help     Print help (see more with 'wasm-sandbox help <COMMAND>')
  -V, --version  Print version
`;

const exitTable = Object.entries(EXIT_CODES)
  .filter(([kind]) => kind !== "invalid_config")
  .map(([kind, code]) => `  ${String(code).padEnd(4)}${kind}`)
  .join("\n");

const RUN = `Runs a WebAssembly module

The module is instrumented (fuel, memory cap) and run in a worker thread with only the allowed
imports. Guest stdout and stderr stream to the terminal, and a one-line summary (outcome, fuel,
peak memory, time) goes to stderr. WASI preview 1 is allowed by default; its files, environment,
stdin and clocks are the sandbox's own (in memory, deterministic): the guest sees only what
--dir, --env and --stdin give it.

Usage: wasm-sandbox run [OPTIONS] <FILE.wasm> [-- <ARGS>...]

Arguments:
  <FILE.wasm>  The module to run (binary WebAssembly)
  [ARGS]...    With --invoke: the function's arguments (numbers; i64 past 2^53 is exact).
               Otherwise: the program's arguments (WASI argv[1..]; argv[0] is the file name)

Options:
      --invoke <NAME>          The export to call [default: main, else _start, else the only
                               exported function]
      --fuel <N>               Instruction budget; past it the run ends as fuel_exhausted
                               [default: unlimited, still counted]
      --max-memory <SIZE>      Linear memory cap: bytes, or K, M, G (1K = 1024), whole 64 KiB
                               pages [default: 64M]
      --max-stack <SIZE>       Call stack budget (frames weighed by their parameters and
                               locals; K, M as above), 16K to 1M; past it the run ends as
                               stack_overflow, the same depth on every host [default: 256K]
      --timeout <MS>           Wall-clock limit in milliseconds (or 2s); the thread is killed
                               past it [default: 30000]
      --allow <MODULE.NAME>    Allow a host import, or a whole module with MODULE.*; repeatable
                               [always allowed: env.log, env.abort, wasi_snapshot_preview1.*]
      --env <NAME=VALUE>       Set an environment variable for the guest; repeatable
      --dir <HOST::GUEST>      Copy the host directory into the guest's file system at GUEST
                               (HOST alone: at /); files the guest creates or changes there are
                               written back to HOST after the run; repeatable
      --stdin <FILE>           Give the guest this file as its stdin ('-': this process's stdin)
      --json                   Print the whole result as JSON on stdout instead (bigints as
                               strings, files as base64); nothing else is printed
  -h, --help                   Print help

Exit status:
  0   the entry returned, or the guest called proc_exit(0)
  N   the guest called proc_exit(N), N from 1 to 255 (a code outside that range gives 1)
${exitTable}
  ${EXIT_USAGE}   bad arguments, an unreadable file, or an invalid limit (invalid_config)
`;

const INSTRUMENT = `Writes a module with a fuel budget and a memory cap built in, for other hosts

The output has exactly the imports of the input and runs in any WebAssembly host. It traps when
the budget is spent; the fuel left is the exported mutable i64 global __sandbox_fuel_remaining.
memory.grow past the cap returns -1, as the spec says.

Usage: wasm-sandbox instrument [OPTIONS] --max-memory <SIZE> -o <OUT.wasm> <IN.wasm>

Arguments:
  <IN.wasm>  The module to instrument

Options:
  -o, --output <OUT.wasm>  Where to write the instrumented module
      --fuel <N>           Instruction budget [default: unlimited, still counted]
      --max-memory <SIZE>  Linear memory cap: bytes, or K, M, G (1K = 1024)
  -h, --help               Print help

Exit status:
  0   written
  ${EXIT_CODES.invalid_module} the input is not a module the rewriter accepts (the message says why)
  ${EXIT_CODES.memory_limit} the module's initial memory is over the cap
  ${EXIT_USAGE}   bad arguments, an unreadable input or unwritable output, an invalid limit
`;

export function helpText(topic?: "run" | "instrument"): string {
  if (topic === "run") return RUN;
  if (topic === "instrument") return INSTRUMENT;
  return TOP;
}

/** The usage line of a command, printed under a usage error. */
export function usageLine(topic?: "run" | "instrument"): string {
  const text = helpText(topic);
  const line = text.split("\n").find((l) => l.startsWith("Usage: ")) ?? "";
  return `${line}\n\nFor more information, try '--help'.`;
}
