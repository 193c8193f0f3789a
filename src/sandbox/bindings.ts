// Import bindings: how one import of a module (exact module and name, any strings) is linked.
// A binding is a permission the person gives for one run; nothing is bound without one.
// This file holds the public shape and its validation (invalid_config, naming the binding);
// the runner links them (runner/bound-imports.ts), WAT host modules are prepared in
// host-modules.ts.
import type { WasmValue } from "./types";
import { groupDigits } from "./digits";

export const BINDING_KINDS = ["deny", "host", "trap", "noop", "const", "wat"] as const;
export type BindingKind = (typeof BINDING_KINDS)[number];

interface Bound {
  /** The import's module name, exactly as the module spells it. */
  module: string;
  /** The import's field name, exactly (spaces, dots and colons are fine). */
  name: string;
}

/**
 * - `deny`: refused, even when allowedImports would allow it.
 * - `host`: the host function of that name (env, WASI), no allowedImports entry needed.
 * - `trap`: a stub that traps naming the import when it is called.
 * - `noop`: returns zeros of the import's result types (0, 0n, null references).
 * - `const`: returns `value` (one value, or an array for several results; i64 as bigint).
 * - `wat`: calls export `export` (default: the import's name) of a host module written in WAT,
 *   compiled by the toolchain and run in the same runner, metered (its fuel is the run's fuel)
 *   and capped like the guest. It may import nothing and have no start function.
 */
export type ImportBinding = Bound &
  (
    | { kind: "deny" | "host" | "trap" | "noop" }
    | { kind: "const"; value: WasmValue | WasmValue[] }
    | { kind: "wat"; source: string; export?: string }
  );

/** Most bindings one run takes; CRuby needs a few dozen. */
export const MAX_BINDINGS = 10_000;
/** Largest WAT host module source, in characters. */
export const MAX_HOST_SOURCE_CHARS = 1024 * 1024;
/** Most distinct WAT host modules one run takes. */
export const MAX_HOST_MODULES = 16;

/** `("module" "name")`, the import as WAT spells it: readable whatever the strings hold. */
export function quoteImport(module: string, name: string): string {
  return `(${JSON.stringify(module)} ${JSON.stringify(name)})`;
}

/** One key per (module, name); NUL cannot be confused with any part of either string. */
export function bindingKey(module: string, name: string): string {
  return `${module}\u0000${name}`;
}

const FIELDS: Record<BindingKind, readonly string[]> = {
  deny: [],
  host: [],
  trap: [],
  noop: [],
  const: ["value"],
  wat: ["source", "export"],
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isWasmValue = (v: unknown): v is WasmValue => typeof v === "number" || typeof v === "bigint";

/** What is wrong with one binding (after its label), or undefined. */
function checkOne(entry: Record<string, unknown>): string | undefined {
  const kind = entry.kind;
  if (typeof kind !== "string" || !(BINDING_KINDS as readonly string[]).includes(kind)) {
    const kinds = BINDING_KINDS.map((k) => JSON.stringify(k)).join(", ");
    return `kind must be one of ${kinds}; got ${JSON.stringify(kind) ?? String(kind)}`;
  }
  const allowed = new Set(["module", "name", "kind", ...FIELDS[kind as BindingKind]]);
  const extra = Object.keys(entry).find((key) => !allowed.has(key));
  if (extra !== undefined) return `a "${kind}" binding has no field ${JSON.stringify(extra)}`;
  if (kind === "const") {
    const { value } = entry;
    const ok = isWasmValue(value) || (Array.isArray(value) && value.every(isWasmValue));
    if (!ok) {
      return "a const binding needs value: a number, a bigint (i64), or an array of them (one per result)";
    }
  }
  if (kind === "wat") {
    if (typeof entry.source !== "string" || entry.source.trim() === "") {
      return "a wat binding needs source: the WAT text of the host module";
    }
    if (entry.source.length > MAX_HOST_SOURCE_CHARS) {
      return `the WAT source is ${groupDigits(entry.source.length)} characters; the limit is ${groupDigits(MAX_HOST_SOURCE_CHARS)}`;
    }
    if (entry.export !== undefined && typeof entry.export !== "string") {
      return "export must be a string (the host module's export to call)";
    }
  }
  return undefined;
}

/** What is wrong with `importBindings` (a message naming the binding), or undefined. */
export function checkImportBindings(value: unknown): string | undefined {
  if (!Array.isArray(value)) {
    return `importBindings must be an array of { module, name, kind } objects; got ${typeof value}`;
  }
  if (value.length > MAX_BINDINGS) {
    return `importBindings has ${value.length} entries; the limit is ${MAX_BINDINGS}`;
  }
  const seen = new Map<string, number>();
  const sources = new Set<string>();
  for (const [i, entry] of value.entries()) {
    if (!isObject(entry)) return `importBindings[${i}] must be a { module, name, kind } object`;
    const { module, name } = entry;
    if (typeof module !== "string" || typeof name !== "string") {
      return `importBindings[${i}]: module and name must be strings (the import's exact names)`;
    }
    const label = `importBindings[${i}] ${quoteImport(module, name)}`;
    const problem = checkOne(entry);
    if (problem) return `${label}: ${problem}`;
    const key = bindingKey(module, name);
    const earlier = seen.get(key);
    if (earlier !== undefined) return `${label}: that import is bound already by [${earlier}]`;
    seen.set(key, i);
    if (entry.kind === "wat") sources.add(entry.source as string);
    if (sources.size > MAX_HOST_MODULES) {
      return `${label}: at most ${MAX_HOST_MODULES} different WAT host modules per run`;
    }
  }
  return undefined;
}
