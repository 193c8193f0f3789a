// Shared by the instrumentation tests: WAT → wasm with the wabt npm package, and a small runner
// that instantiates a module and records everything observable about one call.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { wat as compileWat } from "../testing/wat";
import { FUEL_REMAINING_EXPORT, GROW_REFUSED_EXPORT, MEMORY_EXPORT } from "./abi";
import { instrument, readFuel } from "./index";
import type { InstrumentLimits } from "./abi";

const ALL_FEATURES = {
  exceptions: true,
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  threads: true,
  multi_value: true,
  tail_call: true,
  bulk_memory: true,
  reference_types: true,
  multi_memory: true,
  extended_const: true,
  relaxed_simd: true,
};

/** Compiles WAT text to a validated binary (all features V8 in Node 20 runs). */
export const wat = (source: string) =>
  compileWat(source, { features: ALL_FEATURES, validate: true });

export const MiB = 1024 * 1024;
export const AMPLE: InstrumentLimits = { maxMemoryBytes: 64 * MiB, maxFuel: 10n ** 15n };

/** Instruments or fails the test. */
export async function instrumentOk(bytes: Uint8Array, limits: InstrumentLimits = AMPLE) {
  const outcome = await instrument(bytes, limits);
  if (!outcome.ok) throw new Error(`instrument failed: ${outcome.kind}: ${outcome.message}`);
  return outcome;
}

export interface Observed {
  value?: unknown;
  trap?: string;
  /** SHA-256 of the first exported memory (deep-comparing megabytes is slow), and its size. */
  memory?: string;
  globals: Record<string, unknown>;
  log: unknown[];
}

/** Instantiates `bytes`, calls `entry` and records the result, trap, memory and exported globals. */
export async function observe(
  bytes: Uint8Array,
  entry: string,
  args: unknown[] = [],
  imports: WebAssembly.Imports = {},
): Promise<{ observed: Observed; instance: WebAssembly.Instance }> {
  const log: unknown[] = [];
  const withLog: WebAssembly.Imports = {
    env: { log: (...a: unknown[]) => void log.push(a) },
    ...imports,
  };
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, withLog);
  const observed: Observed = { globals: {}, log };
  try {
    const fn = instance.exports[entry] as (...a: unknown[]) => unknown;
    observed.value = fn(...args);
  } catch (e) {
    observed.trap = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  }
  const reserved = [FUEL_REMAINING_EXPORT, GROW_REFUSED_EXPORT, MEMORY_EXPORT];
  for (const [name, value] of Object.entries(instance.exports)) {
    if (reserved.includes(name)) continue;
    if (value instanceof WebAssembly.Memory) {
      const digest = createHash("sha256").update(new Uint8Array(value.buffer)).digest("hex");
      observed.memory ??= `${value.buffer.byteLength} bytes, sha256 ${digest}`;
    } else if (value instanceof WebAssembly.Global) {
      observed.globals[name] = value.value;
    }
  }
  return { observed, instance };
}

/** Fuel a call consumed under an ample budget (instrumented with `limits`). */
export async function fuelOf(
  bytes: Uint8Array,
  entry: string,
  args: unknown[] = [],
  limits: InstrumentLimits = AMPLE,
): Promise<bigint> {
  const outcome = await instrumentOk(bytes, limits);
  const { observed, instance } = await observe(outcome.bytes, entry, args);
  if (observed.trap) throw new Error(`unexpected trap: ${observed.trap}`);
  return readFuel(instance, outcome.fuelLimit).consumed;
}

/** Debian's wabt tools (newer features than the npm build); undefined when not installed. */
export const cliTools = (() => {
  try {
    execFileSync("wat2wasm", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

function withTemp<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "instrument-test-"));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** WAT → wasm with Debian's wat2wasm and every feature it knows. */
export function watCli(source: string): Uint8Array {
  return withTemp((dir) => {
    writeFileSync(join(dir, "m.wat"), source);
    execFileSync("wat2wasm", ["--enable-all", join(dir, "m.wat"), "-o", join(dir, "m.wasm")]);
    return new Uint8Array(readFileSync(join(dir, "m.wasm")));
  });
}

/** Validates with Debian's wasm-validate (throws with its message) and returns the text form. */
export function validateCli(bytes: Uint8Array): string {
  return withTemp((dir) => {
    writeFileSync(join(dir, "m.wasm"), bytes);
    execFileSync("wasm-validate", ["--enable-all", join(dir, "m.wasm")], { stdio: "pipe" });
    return execFileSync("wasm2wat", ["--enable-all", join(dir, "m.wasm")], { encoding: "utf8" });
  });
}

/**
 * Runs `entry` instrumented in the lazy and in the exact shape with `maxFuel`: both outcomes as
 * seen from outside (after exhaustion the memory is not part of the result, so it is left out).
 */
export async function bothShapes(
  bytes: Uint8Array,
  entry: string,
  args: unknown[],
  maxFuel = AMPLE.maxFuel,
) {
  const seen = async (lazyCounter: boolean) => {
    const outcome = await instrumentOk(bytes, { ...AMPLE, maxFuel, lazyCounter });
    const { observed, instance } = await observe(outcome.bytes, entry, args);
    const fuel = readFuel(instance, outcome.fuelLimit);
    return { value: observed.value, trap: observed.trap, log: observed.log, fuel };
  };
  return { lazy: await seen(true), exact: await seen(false) };
}

/**
 * The lazy shape matches the exact one with an ample budget and at every budget from 0 to
 * `past` beyond the cost, running out exactly below the cost. Returns the exact run's outcome.
 */
export async function sameAtEveryBudget(
  bytes: Uint8Array,
  entry: string,
  args: unknown[],
  past = 1n,
) {
  const { lazy: ample, exact: full } = await bothShapes(bytes, entry, args);
  expect(ample).toEqual(full);
  const cost = full.fuel.consumed;
  for (let budget = 0n; budget <= cost + past; budget++) {
    const { lazy, exact } = await bothShapes(bytes, entry, args, budget);
    expect(lazy, `budget ${budget}`).toEqual(exact);
    expect(lazy.fuel.exhausted, `budget ${budget}`).toBe(budget < cost);
  }
  return full;
}
