// Chooses the export to call and converts arguments and results between JS and wasm types.
import type { ExportInfo, FuncSignature } from "../inspect/module-info";
import type { ErrorKind, WasmValue } from "../types";

type Refusal = { ok: false; kind: ErrorKind; message: string };
type FunctionExport = Extract<ExportInfo, { kind: "function" }>;

/** Exports the instrumentation adds are plumbing, never an entry. */
const isGuestFunction = (e: ExportInfo): e is FunctionExport =>
  e.kind === "function" && !e.name.startsWith("__sandbox_");

/** `requested`, else "main", else "_start", else the only exported function. */
export function chooseEntry(
  exports: readonly ExportInfo[],
  requested: string | undefined,
): { ok: true; entry: FunctionExport } | Refusal {
  const functions = exports.filter(isGuestFunction);
  const names = functions.map((f) => f.name).join(", ") || "none";
  if (requested !== undefined) {
    const entry = functions.find((f) => f.name === requested);
    if (entry) return { ok: true, entry };
    return {
      ok: false,
      kind: "invalid_config",
      message: `entry: the module exports no function "${requested}"; its exported functions: ${names}`,
    };
  }
  const entry =
    functions.find((f) => f.name === "main") ??
    functions.find((f) => f.name === "_start") ??
    (functions.length === 1 ? functions[0] : undefined);
  if (entry) return { ok: true, entry };
  if (functions.length === 0) {
    return { ok: false, kind: "invalid_module", message: "the module exports no function to run" };
  }
  return {
    ok: false,
    kind: "invalid_config",
    message: `entry: the module exports several functions (${names}) and none is "main" or "_start"; choose one`,
  };
}

const I32_MIN = -(2 ** 31);
const U32_MAX = 2 ** 32 - 1;
const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;

function convertArg(type: string, value: unknown): WasmValue | null | string {
  if (type === "i32") {
    const n = typeof value === "bigint" ? Number(value) : value;
    if (typeof n === "number" && Number.isInteger(n) && n >= I32_MIN && n <= U32_MAX) return n;
    return `an i32 must be an integer from ${I32_MIN} to ${U32_MAX}`;
  }
  if (type === "i64") {
    const big = typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value;
    if (typeof big === "bigint" && big >= I64_MIN && big <= U64_MAX) return big;
    return "an i64 must be a bigint (or a safe integer) in the 64-bit range";
  }
  if (type === "f32" || type === "f64") {
    if (typeof value === "number") return value;
    if (typeof value === "bigint") return Number(value);
    return `an ${type} must be a number`;
  }
  if (type === "externref" && (typeof value === "number" || typeof value === "bigint"))
    return value;
  return `a ${type} cannot be passed from JavaScript`;
}

export function convertArgs(
  name: string,
  signature: FuncSignature,
  args: readonly unknown[],
): { ok: true; values: unknown[] } | Refusal {
  const wanted = `(${signature.params.join(", ")})`;
  if (args.length !== signature.params.length) {
    return {
      ok: false,
      kind: "invalid_config",
      message: `args: "${name}" takes ${signature.params.length} argument(s) ${wanted}; got ${args.length}`,
    };
  }
  const values: unknown[] = [];
  for (const [i, type] of signature.params.entries()) {
    const converted = convertArg(type, args[i]);
    if (typeof converted === "string") {
      return {
        ok: false,
        kind: "invalid_config",
        message: `args[${i}] of "${name}" ${wanted}: ${converted}; got ${String(args[i])}`,
      };
    }
    values.push(converted);
  }
  const unsupported = signature.results.find((t) => t === "v128");
  if (unsupported) {
    return {
      ok: false,
      kind: "invalid_config",
      message: `entry: "${name}" returns a v128, which JavaScript cannot receive`,
    };
  }
  return { ok: true, values };
}

/** A returned value as plain data: numbers and bigints kept, references dropped (not cloneable). */
export function toResultValue(raw: unknown): WasmValue | WasmValue[] | undefined {
  const one = (v: unknown): WasmValue => (typeof v === "number" || typeof v === "bigint" ? v : NaN);
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) return raw.map(one);
  return typeof raw === "number" || typeof raw === "bigint" ? raw : undefined;
}
