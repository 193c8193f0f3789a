// Typed argument fields: text as typed → wasm values, with a message a person can act on.
import type { WasmValue } from "../../sandbox/types";

const I32_MIN = -(2 ** 31);
const U32_MAX = 2 ** 32 - 1;
const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;
const INTEGER = /^[+-]?(0x[0-9a-f]+|\d+)$/i;

export type ParsedArg = { ok: true; value: WasmValue } | { ok: false; message: string };

function parseBigInt(text: string): bigint {
  const negative = text.startsWith("-");
  const digits = text.replace(/^[+-]/, "");
  const value = BigInt(digits);
  return negative ? -value : value;
}

export function parseArg(type: string, raw: string): ParsedArg {
  const text = raw.trim().replaceAll("_", "");
  if (text === "") return { ok: false, message: `enter a ${type} value` };
  switch (type) {
    case "i32": {
      if (!INTEGER.test(text)) return { ok: false, message: "i32 takes a whole number" };
      const value = Number(parseBigInt(text));
      if (value < I32_MIN || value > U32_MAX) {
        return { ok: false, message: "i32 takes −2147483648 … 4294967295" };
      }
      return { ok: true, value: value | 0 };
    }
    case "i64": {
      if (!INTEGER.test(text)) return { ok: false, message: "i64 takes a whole number" };
      const value = parseBigInt(text);
      if (value < I64_MIN || value > U64_MAX) return { ok: false, message: "i64 is out of range" };
      return { ok: true, value: BigInt.asIntN(64, value) };
    }
    case "f32":
    case "f64": {
      const lower = text.toLowerCase();
      const special: Record<string, number> = {
        nan: NaN,
        inf: Infinity,
        "+inf": Infinity,
        "-inf": -Infinity,
        infinity: Infinity,
        "-infinity": -Infinity,
      };
      if (lower in special) return { ok: true, value: special[lower]! };
      const value = Number(text);
      if (Number.isNaN(value))
        return { ok: false, message: `${type} takes a number (or nan, inf)` };
      return { ok: true, value: type === "f32" ? Math.fround(value) : value };
    }
    default:
      return { ok: false, message: `${type} arguments cannot be typed in here` };
  }
}

export type ParsedArgs =
  { ok: true; values: WasmValue[] } | { ok: false; errors: (string | null)[] };

export function parseArgs(types: readonly string[], raw: readonly string[]): ParsedArgs {
  const parsed = types.map((type, i) => parseArg(type, raw[i] ?? ""));
  if (parsed.every((p) => p.ok)) {
    return { ok: true, values: parsed.map((p) => (p as { value: WasmValue }).value) };
  }
  return { ok: false, errors: parsed.map((p) => (p.ok ? null : p.message)) };
}
