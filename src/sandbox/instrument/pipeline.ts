// The passes in one read and one write of the binary, without the V8 checks around them
// (index.ts adds those). Throws RefusedError for a module it refuses on purpose and
// MalformedError for bytes it cannot read.
import {
  FUEL_REMAINING_EXPORT,
  GROW_REFUSED_EXPORT,
  GC_ALLOCATED_EXPORT,
  DEFAULT_GC_ALLOCATION_BYTES,
  PROFILE_HOOKS_EXPORT,
  RESERVED_EXPORTS,
  START_EXPORT,
  memoryExportName,
  type InstrumentLimits,
} from "./abi";
import { assemble, patchContent } from "./assemble";
import { Reader, encodeName, encodeS64, encodeU32 } from "../wasm/reader";
import { RefusedError } from "./bytes";
import { rewriteCodeSection } from "./fuel-pass";
import { moduleCounter, type FuelCounterShape } from "./counter-shape";
import { capLimits } from "./limits-pass";
import { addProfileHooks } from "./profile-pass";
import { shiftedLocalNames, threadedParams } from "./threading";
import { SECTION, readLayout } from "./module-layout";
import { groupDigits } from "../digits";
import { DEFAULT_STACK_BYTES, MAX_STACK_BYTES, MIN_STACK_BYTES } from "./abi";

/** The fuel budget of an unlimited run (fuel is still counted against it). */
export const UNLIMITED_FUEL = (1n << 63n) - 1n;
/** Largest module instrument() accepts: V8's own module size limit (1 GiB). */
export const MAX_INSTRUMENT_BYTES = 1024 * 1024 * 1024;
const MAX_PAGES = 65_536;
/** The JS API's limit on exports (V8 enforces it; the sandbox's own exports count too). */
const MAX_EXPORTS = 100_000;

export function resolveBudget(maxFuel: bigint | number | undefined): bigint | undefined {
  if (maxFuel === undefined) return undefined;
  const fuel = typeof maxFuel === "bigint" ? maxFuel : BigInt(maxFuel);
  if (fuel < 0n || fuel > UNLIMITED_FUEL) {
    throw new RangeError(`maxFuel must be from 0 to ${UNLIMITED_FUEL}; got ${fuel}`);
  }
  return fuel;
}

function resolveCount(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative number; got ${value}`);
  }
  return Math.floor(value);
}

function resolveStackBytes(value: number | undefined): number {
  const bytes = value ?? DEFAULT_STACK_BYTES;
  if (!Number.isInteger(bytes) || bytes < MIN_STACK_BYTES || bytes > MAX_STACK_BYTES) {
    throw new RangeError(
      `maxStackBytes must be an integer from ${MIN_STACK_BYTES} to ${MAX_STACK_BYTES}; got ${bytes}`,
    );
  }
  return bytes;
}

/** Whether each memory (or table) of the module, by index, is 64-bit (limits flag 0x04). */
function indexIs64(layout: ReturnType<typeof readLayout>, what: "memory" | "table"): boolean[] {
  const out: boolean[] = [];
  for (const l of layout.limits) if (l.what === what) out[l.index] = (l.flags & 0x04) !== 0;
  return out;
}

/**
 * Applies the memory-cap pass and (unless limits.meter is false) the fuel pass. `counter`
 * selects the code shape of the charges (for benchmarks); every shape counts the same fuel.
 */
export function rewriteModule(
  bytes: Uint8Array,
  limits: InstrumentLimits,
  budget = resolveBudget(limits.maxFuel),
  counter?: FuelCounterShape,
): Uint8Array {
  return rewriteModuleWithFacts(bytes, limits, budget, counter).bytes;
}

type Layout = ReturnType<typeof readLayout>;
type Section = Layout["sections"][number];

/** deferStart: the start section goes, its function exported for the runner to call. */
function deferStart(bytes: Uint8Array, layout: Layout, exports: number[][]): Set<Section> {
  const start = layout.sections.find((s) => s.id === SECTION.start);
  if (!start) return new Set();
  const startFunction = new Reader(bytes, start.contentStart, start.end).u32();
  exports.push([...encodeName(START_EXPORT), 0x00, ...encodeU32(startFunction)]);
  return new Set([start]);
}

/** The memory cap in pages, the table cap in elements (none: not capped), the GC cap in bytes. */
function resolveCaps(limits: InstrumentLimits) {
  const memoryCapPages = BigInt(
    Math.min(MAX_PAGES, Math.floor(resolveCount("maxMemoryBytes", limits.maxMemoryBytes) / 65_536)),
  );
  const tableCap =
    limits.maxTableElements === undefined
      ? undefined
      : BigInt(resolveCount("maxTableElements", limits.maxTableElements));
  const gcCapBytes = BigInt(
    resolveCount(
      "maxGcAllocationBytes",
      limits.maxGcAllocationBytes ?? DEFAULT_GC_ALLOCATION_BYTES,
    ),
  );
  return { memoryCapPages, tableCap, gcCapBytes };
}

/** Refuses a module that already exports one of the names the sandbox adds. */
function refuseReserved(layout: Layout, names: readonly string[]): void {
  for (const name of names) {
    if (layout.exportNames.has(name)) {
      throw new RefusedError(
        "invalid_module",
        `the module already exports "${name}", a name the sandbox reserves for itself`,
      );
    }
  }
}

function refuseTooManyExports(layout: Layout, added: number): void {
  if (layout.exportNames.size + added > MAX_EXPORTS) {
    throw new RefusedError(
      "invalid_module",
      `the module has ${groupDigits(layout.exportNames.size)} exports; with the ${added} the sandbox adds that is over the engine's limit of ${groupDigits(MAX_EXPORTS)}`,
    );
  }
}

/** The name section's local names move up past the parameters threaded functions gain. */
function shiftLocalNames(
  bytes: Uint8Array,
  layout: Layout,
  threadedFunctions: readonly number[],
  budget: boolean,
  replaced: Map<Section, Uint8Array>,
): void {
  const params = new Map(
    threadedFunctions.map((f) => [
      f,
      layout.typeParams[layout.funcTypes[f - layout.importedFuncs]],
    ]),
  );
  for (const custom of layout.sections.filter((s) => s.id === SECTION.custom)) {
    const names = shiftedLocalNames(bytes, custom, params, threadedParams(budget));
    if (names) replaced.set(custom, names);
  }
}

/** The stack budget's globals and each function's signature (stack-budget.ts). */
function stackOptions(layout: Layout, global: number, flagGlobal: number) {
  return {
    global,
    flagGlobal,
    signature: (func: number) => {
      const typeIndex = layout.funcTypes[func - layout.importedFuncs];
      const type = layout.types[typeIndex];
      return {
        typeIndex,
        params: type?.form === "func" ? type.params : new Uint8Array(),
      };
    },
  };
}

/** rewriteModule, also telling which functions keep a lazy counter and how many loops are
 * charged at entry (RewrittenCode). */
export function rewriteModuleWithFacts(
  bytes: Uint8Array,
  limits: InstrumentLimits,
  budget = resolveBudget(limits.maxFuel),
  counter?: FuelCounterShape,
): {
  bytes: Uint8Array;
  lazyFunctions: number[];
  threadedFunctions: number[];
  countedLoops: number;
  /** Loops that check once per two iterations (loop-code.ts, pairedLoopCode). */
  pairedLoops: number;
} {
  const { memoryCapPages, tableCap, gcCapBytes } = resolveCaps(limits);
  const meter = limits.meter !== false;
  // A profiled build keeps the counter exact in the global at every charge (profile-pass.ts).
  const profile = meter && limits.profile === true;
  const layout = readLayout(bytes);
  const memoryExports = Array.from({ length: layout.memoryCount }, (_, i) => memoryExportName(i));
  const profileExports = profile ? [PROFILE_HOOKS_EXPORT] : [];
  refuseReserved(layout, [...RESERVED_EXPORTS, ...memoryExports.slice(1), ...profileExports]);
  const replaced = new Map<(typeof layout.sections)[number], Uint8Array>();
  for (const [section, patches] of capLimits(layout, memoryCapPages, tableCap)) {
    replaced.set(section, patchContent(bytes, section, patches));
  }
  const firstNew = layout.importedGlobals + layout.definedGlobals;
  const fuelGlobal = meter ? firstNew : undefined;
  const flagGlobal = meter ? firstNew + 1 : firstNew;
  // The stack budget's bytes left (stack-budget.ts), in every metered module.
  const stackGlobal = meter ? flagGlobal + 1 : undefined;
  const stackBytes = resolveStackBytes(limits.maxStackBytes);
  // Added only to a module that allocates GC objects.
  const gcGlobal = flagGlobal + (meter ? 2 : 1);
  let gcAllocations = 0;
  const code = layout.sections.find((s) => s.id === SECTION.code);
  let lazyFunctions: number[] = [];
  let threadedFunctions: number[] = [];
  let types: number[][] = [];
  let countedLoops = 0;
  let pairedLoops = 0;
  if (code) {
    const rewritten = rewriteCodeSection(bytes, layout, code, {
      fuelGlobal,
      flagGlobal,
      memoryCapPages,
      memoryCount: layout.memoryCount,
      tableCap,
      tableCount: layout.tableCount,
      counter: moduleCounter({ lazyCounter: limits.lazyCounter, profile }, counter),
      gc: { global: gcGlobal, flagGlobal, capBytes: gcCapBytes, types: layout.types },
      memory64: indexIs64(layout, "memory"),
      table64: indexIs64(layout, "table"),
      stack: stackGlobal === undefined ? undefined : stackOptions(layout, stackGlobal, flagGlobal),
    });
    gcAllocations = rewritten.gcAllocations;
    replaced.set(code, rewritten.content);
    if (profile) {
      const profiled = addProfileHooks(rewritten.content, layout, {
        fuelGlobal: fuelGlobal as number,
        budget: budget ?? UNLIMITED_FUEL,
        table: layout.tableCount,
      });
      replaced.set(code, profiled.content);
      types = profiled.types;
    }
    lazyFunctions = rewritten.lazyFunctions;
    threadedFunctions = rewritten.threadedFunctions;
    countedLoops = rewritten.countedLoops;
    pairedLoops = rewritten.pairedLoops;
    const functions = layout.sections.find((s) => s.id === SECTION.function);
    if (rewritten.types && functions) {
      types = rewritten.types.entries;
      replaced.set(functions, rewritten.types.functionSection);
      shiftLocalNames(bytes, layout, threadedFunctions, stackGlobal !== undefined, replaced);
    }
  }
  const globals: number[][] = [];
  const exports: number[][] = [];
  if (fuelGlobal !== undefined) {
    globals.push([0x7e, 0x01, 0x42, ...encodeS64(budget ?? UNLIMITED_FUEL), 0x0b]);
    exports.push([...encodeName(FUEL_REMAINING_EXPORT), 0x03, ...encodeU32(fuelGlobal)]);
  }
  globals.push([0x7f, 0x01, 0x41, 0x00, 0x0b]);
  exports.push([...encodeName(GROW_REFUSED_EXPORT), 0x03, ...encodeU32(flagGlobal)]);
  if (stackGlobal !== undefined)
    globals.push([0x7f, 0x01, 0x41, ...encodeS64(BigInt(stackBytes)), 0x0b]);
  if (gcAllocations > 0) {
    globals.push([0x7e, 0x01, 0x42, 0x00, 0x0b]);
    exports.push([...encodeName(GC_ALLOCATED_EXPORT), 0x03, ...encodeU32(gcGlobal)]);
  }
  memoryExports.forEach((name, i) => exports.push([...encodeName(name), 0x02, ...encodeU32(i)]));
  const tables: number[][] = [];
  if (profile) {
    tables.push([0x70, 0x00, 0x02]); // funcref, two slots: the profile hooks
    exports.push([...encodeName(PROFILE_HOOKS_EXPORT), 0x01, ...encodeU32(layout.tableCount)]);
  }
  const removed = limits.deferStart ? deferStart(bytes, layout, exports) : new Set<Section>();
  refuseTooManyExports(layout, exports.length);
  const out = assemble(bytes, layout, { replaced, types, tables, globals, exports, removed });
  return { bytes: out, lazyFunctions, threadedFunctions, countedLoops, pairedLoops };
}
