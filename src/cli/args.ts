// The wasm-sandbox command line, parsed into plain data (no I/O here, so every rule is unit
// tested). A bad argument is a UsageError: the CLI prints its message and exits 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { WasmValue } from "../sandbox";

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage line to print with the message. */
    readonly command?: "run" | "instrument",
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** One --dir: a host directory copied into the guest's file system at `guest`. */
export interface DirMapping {
  host: string;
  guest: string;
}

export interface RunCommand {
  command: "run";
  file: string;
  invoke?: string;
  fuel?: bigint;
  maxMemoryBytes?: number;
  maxStackBytes?: number;
  timeoutMs?: number;
  allow: string[];
  env: Record<string, string>;
  dirs: DirMapping[];
  /** A file to read stdin from; "-" is this process's stdin. */
  stdin?: string;
  json: boolean;
  /** With --invoke: the function's arguments; else the program's argv[1..]. */
  args: string[];
}

export interface InstrumentCommand {
  command: "instrument";
  input: string;
  output: string;
  fuel?: bigint;
  maxMemoryBytes: number;
}

export type CliCommand =
  | RunCommand
  | InstrumentCommand
  | { command: "help"; topic?: "run" | "instrument" }
  | { command: "version" };

const RUN_OPTIONS = {
  invoke: { type: "string" },
  fuel: { type: "string" },
  "max-memory": { type: "string" },
  "max-stack": { type: "string" },
  timeout: { type: "string" },
  allow: { type: "string", multiple: true },
  env: { type: "string", multiple: true },
  dir: { type: "string", multiple: true },
  stdin: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

const INSTRUMENT_OPTIONS = {
  output: { type: "string", short: "o" },
  fuel: { type: "string" },
  "max-memory": { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

export function parseCommandLine(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
    case "-h":
    case "--help":
      return { command: "help" };
    case "-V":
    case "--version":
      return { command: "version" };
    case "help":
      if (rest[0] === undefined) return { command: "help" };
      if (rest[0] === "run" || rest[0] === "instrument") return { command: "help", topic: rest[0] };
      throw new UsageError(`no such command: ${JSON.stringify(rest[0])}`);
    case "run":
    case "instrument":
      try {
        return first === "run" ? parseRun(rest) : parseInstrument(rest);
      } catch (error) {
        // A value's own rule does not know the command: print that command's usage.
        if (error instanceof UsageError && !error.command)
          throw new UsageError(error.message, first);
        throw error;
      }
    default:
      throw new UsageError(
        first.startsWith("-")
          ? `unexpected argument ${JSON.stringify(first)} before the command (run or instrument)`
          : `no such command: ${JSON.stringify(first)} (the commands are run and instrument)`,
      );
  }
}

/** node:util's parse errors, reworded as ours. */
function parse<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: O,
  command: "run" | "instrument",
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ""), command);
  }
}

function parseRun(argv: readonly string[]): RunCommand | { command: "help"; topic: "run" } {
  const { values, positionals } = parse(argv, RUN_OPTIONS, "run");
  if (values.help) return { command: "help", topic: "run" };
  const [file, ...args] = positionals;
  if (file === undefined) throw new UsageError("missing the module to run (FILE.wasm)", "run");
  const invoke = values.invoke;
  if (invoke === "") throw new UsageError("--invoke needs a function name", "run");
  if (invoke !== undefined) args.forEach((arg) => parseWasmValue(arg));
  return {
    command: "run",
    file,
    invoke,
    fuel: values.fuel === undefined ? undefined : parseFuel(values.fuel),
    maxMemoryBytes:
      values["max-memory"] === undefined ? undefined : parseSize(values["max-memory"]),
    maxStackBytes:
      values["max-stack"] === undefined ? undefined : parseSize(values["max-stack"], "--max-stack"),
    timeoutMs: values.timeout === undefined ? undefined : parseTimeout(values.timeout),
    allow: (values.allow ?? []).map(parseAllow),
    env: Object.fromEntries((values.env ?? []).map(parseEnv)),
    dirs: (values.dir ?? []).map(parseDir),
    stdin: values.stdin,
    json: values.json ?? false,
    args,
  };
}

function parseInstrument(
  argv: readonly string[],
): InstrumentCommand | { command: "help"; topic: "instrument" } {
  const { values, positionals } = parse(argv, INSTRUMENT_OPTIONS, "instrument");
  if (values.help) return { command: "help", topic: "instrument" };
  const [input, ...extra] = positionals;
  if (input === undefined) {
    throw new UsageError("missing the module to instrument (IN.wasm)", "instrument");
  }
  if (extra.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`, "instrument");
  }
  if (values.output === undefined) {
    throw new UsageError("missing -o OUT.wasm (where to write the module)", "instrument");
  }
  if (values["max-memory"] === undefined) {
    throw new UsageError("missing --max-memory SIZE (the memory cap to build in)", "instrument");
  }
  return {
    command: "instrument",
    input,
    output: values.output,
    fuel: values.fuel === undefined ? undefined : parseFuel(values.fuel),
    maxMemoryBytes: parseSize(values["max-memory"]),
  };
}

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** "65536", "64K", "64KiB", "16M", "16MiB", "1G": bytes (units are binary: 1K = 1024). */
export function parseSize(text: string, option = "--max-memory"): number {
  const match = /^(\d+)\s*(?:([kmg])(?:i?b)?|(b))?$/i.exec(text.trim().replaceAll("_", ""));
  if (!match) {
    throw new UsageError(
      `${option} must be a size such as 65536, 64K, 16M or 1G; got ${JSON.stringify(text)}`,
    );
  }
  const unit = (match[2] ?? match[3] ?? "").toLowerCase();
  return Number(match[1]) * SIZE_UNITS[unit]!;
}

/** A whole number of fuel units ("1000000" or "1_000_000"). */
export function parseFuel(text: string): bigint {
  const digits = text.trim().replaceAll("_", "");
  if (!/^\d+$/.test(digits)) {
    throw new UsageError(`--fuel must be a whole number of units; got ${JSON.stringify(text)}`);
  }
  return BigInt(digits);
}

/** Milliseconds: "1500", "1500ms" or "2s". */
export function parseTimeout(text: string): number {
  const match = /^(\d+)\s*(ms|s)?$/.exec(text.trim().replaceAll("_", ""));
  if (!match) {
    throw new UsageError(
      `--timeout must be milliseconds such as 1500 (or 1500ms, 2s); got ${JSON.stringify(text)}`,
    );
  }
  return Number(match[1]) * (match[2] === "s" ? 1000 : 1);
}

function parseAllow(entry: string): string {
  if (!/^[^.\s]+\.[^\s]+$/.test(entry)) {
    throw new UsageError(
      `--allow takes MODULE.NAME or MODULE.* (e.g. env.log, wasi_snapshot_preview1.*); got ${JSON.stringify(entry)}`,
    );
  }
  return entry;
}

function parseEnv(entry: string): [string, string] {
  const eq = entry.indexOf("=");
  if (eq <= 0) throw new UsageError(`--env takes NAME=VALUE; got ${JSON.stringify(entry)}`);
  return [entry.slice(0, eq), entry.slice(eq + 1)];
}

/** HOST::GUEST, or HOST alone for the guest's root directory. */
export function parseDir(entry: string): DirMapping {
  const sep = entry.indexOf("::");
  const host = sep < 0 ? entry : entry.slice(0, sep);
  const guest = sep < 0 ? "/" : entry.slice(sep + 2);
  if (host === "" || guest === "") {
    throw new UsageError(`--dir takes HOST_DIR::GUEST_DIR; got ${JSON.stringify(entry)}`);
  }
  if (guest.split("/").includes("..")) {
    throw new UsageError(`--dir's guest directory cannot contain "..": ${JSON.stringify(guest)}`);
  }
  return { host, guest };
}

/**
 * An argument for --invoke's function: an integer (a bigint past 2^53, for i64) or a float
 * ("1.5", "-0", "inf", "nan").
 */
export function parseWasmValue(text: string): WasmValue {
  if (/^[+-]?\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  const special: Record<string, number> = { inf: Infinity, "+inf": Infinity, "-inf": -Infinity };
  if (text.toLowerCase() in special) return special[text.toLowerCase()]!;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
  throw new UsageError(
    `the arguments of --invoke's function are numbers (e.g. 7, -3, 1.5, 9007199254740993); got ${JSON.stringify(text)}`,
    "run",
  );
}
