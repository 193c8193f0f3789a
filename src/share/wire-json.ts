// PlaygroundState ↔ the JSON object that travels: defaults left out, bytes as references.
// Links reference blobs ({"$blob": i}); drafts inline base64 ({"$base64": "…"}). Both shapes
// are resolved back to Uint8Array before the schema sees the object.
import { BLOB_REF_KEY } from "./format";
import { V1_DEFAULTS, type PlaygroundState } from "./state-schema";
import { DEFAULT_CLANG_OPTIONS } from "../sandbox/toolchain/clang/options";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Turns bytes into the JSON that stands for them (and may remember the bytes elsewhere). */
export type BytesToJson = (bytes: Uint8Array) => Json;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const COMMON_KEYS = [
  "allowedImports",
  "stubbedImports",
  "entry",
  "args",
  "stdin",
  "argv",
  "env",
  "deterministic",
] as const;

type ClangOptions = NonNullable<Extract<PlaygroundState, { source: string }>["clang"]>;

/** C/C++ build options: present (the state had them), each default field left out. */
function clangWire(options: ClangOptions): Json {
  const out: { [key: string]: Json } = {};
  const defaults = DEFAULT_CLANG_OPTIONS;
  if (options.optLevel !== defaults.optLevel) out.optLevel = options.optLevel;
  if (options.flags.length > 0) out.flags = [...options.flags];
  if (options.exceptions !== defaults.exceptions) out.exceptions = options.exceptions;
  return out;
}

/** The JSON object of a valid state, every field equal to its v1 default left out. */
export function toWireObject(state: PlaygroundState, bytesToJson: BytesToJson): Json {
  const out: { [key: string]: Json } = { v: state.v, language: state.language };
  if (state.language === "wasm") {
    // A catalogue example's module may travel by its id alone (state-schema.ts).
    if (state.module !== undefined) out.module = bytesToJson(state.module);
    if (state.moduleName !== V1_DEFAULTS.moduleName) out.moduleName = state.moduleName;
    if (state.example !== undefined) out.example = state.example;
  } else {
    out.source = state.source;
    if (state.clang !== undefined) out.clang = clangWire(state.clang);
  }
  const limits: { [key: string]: Json } = {};
  for (const key of Object.keys(V1_DEFAULTS.limits) as (keyof PlaygroundState["limits"])[]) {
    if (state.limits[key] !== V1_DEFAULTS.limits[key]) limits[key] = state.limits[key];
  }
  if (Object.keys(limits).length > 0) out.limits = limits;
  for (const key of COMMON_KEYS) {
    if (!sameJson(state[key], V1_DEFAULTS[key])) out[key] = state[key] as Json;
  }
  if (state.files.length > 0) {
    out.files = state.files.map((file): Json =>
      "bytes" in file
        ? { path: file.path, bytes: bytesToJson(file.bytes) }
        : { path: file.path, text: file.text },
    );
  }
  if (state.importBindings !== undefined && state.importBindings.length > 0) {
    out.importBindings = state.importBindings.map((b): Json => ({ ...b }));
  }
  if (state.optimize !== undefined) out.optimize = state.optimize;
  if (state.profile !== undefined) out.profile = state.profile;
  if (state.result !== undefined) out.result = { ...state.result };
  return out;
}

/** Reads one reference object; returns the bytes, an error message, or undefined (not a ref). */
export type ResolveRef = (ref: Record<string, unknown>) => Uint8Array | string | undefined;

/** Link references: {"$blob": i} → blobs[i]. */
export function blobRefResolver(blobs: readonly Uint8Array[]): ResolveRef {
  return (ref) => {
    if (!(BLOB_REF_KEY in ref)) return undefined;
    const index = ref[BLOB_REF_KEY];
    if (Object.keys(ref).length !== 1 || typeof index !== "number" || !Number.isInteger(index)) {
      return `a binary reference must look like {"${BLOB_REF_KEY}": <index>}`;
    }
    return blobs[index] ?? `binary data #${index} is missing from the link`;
  };
}

/**
 * Replaces every reference object in parsed JSON by its bytes, in place. Iterative, not
 * recursive: a link may hold JSON nested a million levels deep, which must not blow the stack.
 * Returns the first reference error with its path ("files.0.bytes"), or undefined.
 */
export function resolveByteRefs(root: unknown, resolve: ResolveRef): string | undefined {
  const pending: {
    holder: Record<string, unknown> | unknown[];
    key: string | number;
    path: string;
  }[] = [];
  const visit = (holder: Record<string, unknown> | unknown[], path: string) => {
    for (const key of Object.keys(holder)) {
      const child = (holder as Record<string, unknown>)[key];
      if (child !== null && typeof child === "object") {
        pending.push({
          holder,
          key: Array.isArray(holder) ? Number(key) : key,
          path: path ? `${path}.${key}` : key,
        });
      }
    }
  };
  if (root === null || typeof root !== "object") return undefined;
  visit(root as Record<string, unknown>, "");
  for (let item = pending.pop(); item; item = pending.pop()) {
    const child = (item.holder as Record<string, unknown>)[item.key] as Record<string, unknown>;
    const resolved = Array.isArray(child) ? undefined : resolve(child);
    if (typeof resolved === "string") return `${item.path}: ${resolved}`;
    if (resolved !== undefined) (item.holder as Record<string, unknown>)[item.key] = resolved;
    else visit(child, item.path);
  }
  return undefined;
}
