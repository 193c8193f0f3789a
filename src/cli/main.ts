// The wasm-sandbox CLI: runs a command and returns the exit status. Uses the library's public
// API only (../sandbox), with the Node runtime it picks by itself.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { version } from "../../packages/wasm-sandbox/package.json";
import {
  DEFAULT_CONFIG,
  instrument,
  SandboxConfigError,
  WasmSandbox,
  type ExecutionResult,
} from "../sandbox";
import { parseCommandLine, parseWasmValue, UsageError, type RunCommand } from "./args";
import { loadDirs, writeBackDirs } from "./dirs";
import { EXIT_CODES, EXIT_USAGE, exitStatusOf } from "./exit-codes";
import { helpText, usageLine } from "./help";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** This process's stdin, read whole (for --stdin -). */
  readStdin: () => Promise<Uint8Array>;
}

/** WASI is always granted: its files, environment and clocks are the sandbox's own. */
export const CLI_ALLOWED_IMPORTS = [...DEFAULT_CONFIG.allowedImports, "wasi_snapshot_preview1.*"];

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    switch (command.command) {
      case "help":
        io.stdout(helpText(command.topic));
        return 0;
      case "version":
        io.stdout(`wasm-sandbox ${version}\n`);
        return 0;
      case "instrument": {
        const input = await readInput(command.input);
        const out = await instrument(input, {
          maxFuel: command.fuel,
          maxMemoryBytes: command.maxMemoryBytes,
        });
        if (!out.ok) {
          io.stderr(`error: ${command.input}: ${out.message}\n`);
          return EXIT_CODES[out.kind];
        }
        await writeFile(command.output, out.bytes).catch((error: unknown) => {
          throw new UsageError(`cannot write ${command.output}: ${reason(error)}`);
        });
        io.stderr(
          `wrote ${command.output}: ${out.originalSize} → ${out.instrumentedSize} bytes, fuel ${out.fuelLimit ?? "unlimited"}\n`,
        );
        return 0;
      }
      case "run":
        return await run(command, io);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof SandboxConfigError) {
      io.stderr(`error: ${error.message}\n\n${usageLine(usageTopic(error))}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function usageTopic(error: UsageError | SandboxConfigError): "run" | "instrument" | undefined {
  return error instanceof UsageError ? error.command : "run";
}

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "a directory, not a file";
  return error instanceof Error ? error.message : String(error);
}

async function readInput(path: string): Promise<Uint8Array> {
  return readFile(path).catch((error: unknown) => {
    throw new UsageError(`cannot read ${path}: ${reason(error)}`);
  });
}

async function run(command: RunCommand, io: CliIo): Promise<number> {
  const bytes = await readInput(command.file);
  const stdin =
    command.stdin === undefined
      ? undefined
      : command.stdin === "-"
        ? await io.readStdin()
        : await readInput(command.stdin);
  const files = await loadDirs(command.dirs).catch((error: unknown) => {
    throw new UsageError(error instanceof Error ? error.message : String(error), "run");
  });
  await using sandbox = new WasmSandbox({
    maxFuel: command.fuel,
    maxMemoryBytes: command.maxMemoryBytes,
    maxStackBytes: command.maxStackBytes,
    timeoutMs: command.timeoutMs,
    allowedImports: [...CLI_ALLOWED_IMPORTS, ...command.allow],
  });
  const invoking = command.invoke !== undefined;
  const result = await sandbox.execute(bytes, {
    entry: command.invoke,
    args: invoking ? command.args.map(parseWasmValue) : undefined,
    argv: invoking ? undefined : command.args,
    programName: basename(command.file),
    env: command.env,
    stdin,
    files: files.length > 0 ? files : undefined,
    onOutput: command.json
      ? undefined
      : (stream, text) => (stream === "stdout" ? io.stdout(text) : io.stderr(text)),
  });
  await writeBackDirs(command.dirs, files, result.files);
  if (command.json) io.stdout(`${resultJson(result)}\n`);
  else io.stderr(`${summaryLine(result)}\n`);
  return exitStatusOf(result);
}

/** The whole result as JSON: bigints as decimal strings, file contents as base64. */
export function resultJson(result: ExecutionResult): string {
  return JSON.stringify(result, (key, value: unknown) => {
    if (typeof value === "bigint") return value.toString();
    if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    return value;
  });
}

const MIB = 1024 * 1024;

/** "wasm-sandbox: fuel_exhausted (…) · fuel 1000/1000 · memory 0.06/64 MiB · 3.1 ms". */
export function summaryLine(result: ExecutionResult): string {
  const outcome = result.success
    ? `ok${result.value === undefined ? "" : ` → ${JSON.stringify(result.value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`}`
    : `${result.errorKind}: ${result.error ?? ""}`;
  const fuel =
    result.fuelConsumed === undefined
      ? "unmetered"
      : `${result.fuelConsumed}${result.fuelLimit === undefined ? "" : `/${result.fuelLimit}`}`;
  const memory = `${(result.memoryUsedBytes / MIB).toFixed(2)}/${(result.memoryLimitBytes / MIB).toFixed(0)} MiB`;
  return `wasm-sandbox: ${outcome} · fuel ${fuel} · memory ${memory} · ${result.executionTimeMs.toFixed(1)} ms`;
}
