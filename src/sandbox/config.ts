// WasmSandboxConfig: the limits and permissions of one sandbox, validated once at construction.
import { groupDigits } from "./digits";
import { DEFAULT_STACK_BYTES, MAX_STACK_BYTES, MIN_STACK_BYTES } from "./instrument/abi";

export const WASM_PAGE_BYTES = 65_536;
/** 65,536 pages: the most a 32-bit memory can have. */
export const MAX_MEMORY_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_FUEL = (1n << 63n) - 1n;

export interface WasmSandboxConfig {
  /** Cap on all linear memories of a module together, in bytes (whole 64 KiB pages). Default 64 MiB. */
  maxMemoryBytes?: number;
  /** Wall-clock limit of one run in ms; the worker is terminated past it. Default 30 s. */
  timeoutMs?: number;
  /** Instruction budget. Omitted: unlimited (fuel is still counted and reported). */
  maxFuel?: number | bigint;
  /** "module.name" entries; "module.*" allows a whole module. Default: env.log and env.abort. */
  allowedImports?: string[];
  /** Cap on stdout + stderr bytes; past it the run ends with output_limit. Default 1 MiB. */
  maxOutputBytes?: number;
  /** Cap on the elements of all tables of a module together. Default 100,000. */
  maxTableElements?: number;
  /**
   * Cap on the bytes a run may allocate as GC objects (struct.new*, array.new*), counted by
   * their declared sizes before each allocation, whatever the fuel; past it the run ends as
   * memory_limit. Default 256 MiB.
   */
  maxGcAllocationBytes?: number;
  /**
   * The guest's call stack budget in estimated frame bytes (each frame 96 bytes plus 8 per
   * parameter and local, 16 per v128 one); a call past it ends the run as stack_overflow at the
   * same depth on every engine and machine. Metered runs only. Default 256 KiB, 16 KiB to 1 MiB.
   */
  maxStackBytes?: number;
  /** Largest module accepted, in bytes. Default 128 MiB. */
  maxModuleBytes?: number;
  /** Fixed clocks and seeded randomness, so a run reproduces exactly. Default true. */
  deterministic?: boolean;
}

export type ResolvedConfig = Required<Omit<WasmSandboxConfig, "maxFuel">> & {
  maxFuel: bigint | undefined;
  /** maxMemoryBytes in 64 KiB pages. */
  maxMemoryPages: number;
};

export const DEFAULT_CONFIG = {
  maxMemoryBytes: 64 * 1024 * 1024,
  timeoutMs: 30_000,
  allowedImports: ["env.log", "env.abort"],
  maxOutputBytes: 1024 * 1024,
  maxTableElements: 100_000,
  maxGcAllocationBytes: 256 * 1024 * 1024,
  maxStackBytes: DEFAULT_STACK_BYTES,
  maxModuleBytes: 128 * 1024 * 1024,
  deterministic: true,
} as const;

/**
 * Every env import AssemblyScript's standard library may need (runner/assemblyscript-env.ts):
 * add them to allowedImports to run programs that print with console.log or use Math.random
 * or Date.now. Not in the default: the default grants only what the original design did.
 */
export const ASSEMBLYSCRIPT_IMPORTS = [
  "env.abort",
  "env.console.log",
  "env.console.info",
  "env.console.debug",
  "env.console.warn",
  "env.console.error",
  "env.trace",
  "env.seed",
  "env.Date.now",
] as const;

/** Thrown by constructors given a bad config; `kind` is always "invalid_config". */
export class SandboxConfigError extends Error {
  readonly kind = "invalid_config" as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "SandboxConfigError";
  }
}

const IMPORT_PATTERN = /^[^.\s]+\.(\*|[^\s]+)$/;

function integerIn(field: string, value: unknown, min: number, max: number, unit: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new SandboxConfigError(
      field,
      `${field} must be an integer from ${groupDigits(min)} to ${groupDigits(max)} ${unit}; got ${String(value)}`,
    );
  }
  return value;
}

function resolveFuel(value: unknown): bigint | undefined {
  if (value === undefined) return undefined;
  const asBig =
    typeof value === "bigint"
      ? value
      : typeof value === "number" && Number.isSafeInteger(value)
        ? BigInt(value)
        : undefined;
  if (asBig === undefined || asBig < 1n || asBig > MAX_FUEL) {
    throw new SandboxConfigError(
      "maxFuel",
      `maxFuel must be a whole number from 1 to ${MAX_FUEL} (or omitted for no limit); got ${String(value)}`,
    );
  }
  return asBig;
}

/** Whether `entry` can stand in an import list ("module.name" without spaces, or "module.*"). */
export function isImportListEntry(entry: string): boolean {
  return IMPORT_PATTERN.test(entry);
}

/** A list of "module.name" / "module.*" entries (allowedImports, stubImports), copied. */
export function resolveImportList(field: string, value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new SandboxConfigError(
      field,
      `${field} must be an array of "module.name" strings; got ${typeof value}`,
    );
  }
  for (const entry of value) {
    if (typeof entry !== "string" || !IMPORT_PATTERN.test(entry)) {
      throw new SandboxConfigError(
        field,
        `${field} entries must look like "module.name" or "module.*"; got ${JSON.stringify(entry)}`,
      );
    }
  }
  return [...value];
}

/** Checks every field and fills in defaults. Throws SandboxConfigError naming the bad field. */
export function resolveConfig(config: WasmSandboxConfig = {}): ResolvedConfig {
  if (typeof config !== "object" || config === null) {
    throw new SandboxConfigError("config", "config must be an object");
  }
  const known = new Set([
    "maxMemoryBytes",
    "timeoutMs",
    "maxFuel",
    "allowedImports",
    "maxOutputBytes",
    "maxTableElements",
    "maxGcAllocationBytes",
    "maxStackBytes",
    "maxModuleBytes",
    "deterministic",
  ]);
  for (const key of Object.keys(config)) {
    if (!known.has(key)) {
      throw new SandboxConfigError(key, `unknown config field ${JSON.stringify(key)}`);
    }
  }
  const maxMemoryBytes = integerIn(
    "maxMemoryBytes",
    config.maxMemoryBytes ?? DEFAULT_CONFIG.maxMemoryBytes,
    WASM_PAGE_BYTES,
    MAX_MEMORY_BYTES,
    "bytes (64 KiB to 4 GiB)",
  );
  const deterministic = config.deterministic ?? DEFAULT_CONFIG.deterministic;
  if (typeof deterministic !== "boolean") {
    throw new SandboxConfigError("deterministic", "deterministic must be true or false");
  }
  const maxMemoryPages = Math.floor(maxMemoryBytes / WASM_PAGE_BYTES);
  return {
    maxMemoryBytes: maxMemoryPages * WASM_PAGE_BYTES,
    maxMemoryPages,
    timeoutMs: integerIn(
      "timeoutMs",
      config.timeoutMs ?? DEFAULT_CONFIG.timeoutMs,
      1,
      600_000,
      "ms",
    ),
    maxFuel: resolveFuel(config.maxFuel),
    allowedImports: resolveImportList(
      "allowedImports",
      config.allowedImports ?? [...DEFAULT_CONFIG.allowedImports],
    ),
    maxOutputBytes: integerIn(
      "maxOutputBytes",
      config.maxOutputBytes ?? DEFAULT_CONFIG.maxOutputBytes,
      0,
      256 * 1024 * 1024,
      "bytes",
    ),
    maxTableElements: integerIn(
      "maxTableElements",
      config.maxTableElements ?? DEFAULT_CONFIG.maxTableElements,
      0,
      10_000_000,
      "elements",
    ),
    maxGcAllocationBytes: integerIn(
      "maxGcAllocationBytes",
      config.maxGcAllocationBytes ?? DEFAULT_CONFIG.maxGcAllocationBytes,
      0,
      4 * 1024 * 1024 * 1024,
      "bytes",
    ),
    maxStackBytes: integerIn(
      "maxStackBytes",
      config.maxStackBytes ?? DEFAULT_CONFIG.maxStackBytes,
      MIN_STACK_BYTES,
      MAX_STACK_BYTES,
      "bytes (16 KiB to 1 MiB)",
    ),
    maxModuleBytes: integerIn(
      "maxModuleBytes",
      config.maxModuleBytes ?? DEFAULT_CONFIG.maxModuleBytes,
      8,
      1024 * 1024 * 1024,
      "bytes",
    ),
    deterministic,
  };
}

/** Whether `module.name` is allowed by the allow-list (exact entry or "module.*"). */
export function isImportAllowed(allowed: readonly string[], module: string, name: string): boolean {
  return allowed.includes(`${module}.${name}`) || allowed.includes(`${module}.*`);
}
