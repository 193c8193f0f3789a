// The charges of an operand on the stack: the length of a bulk operation (memory, table, GC
// array) or the delta of a grow (grow-check.ts), scaled by the cost constants of charge-code.ts
// and charged through its `charge`, so the counter shapes still differ in charge-code.ts only.
import { encodeS64, encodeU32 } from "../wasm/reader";
import {
  BYTES_PER_FUEL_SHIFT,
  FUEL_PER_ARRAY_ELEMENT,
  FUEL_PER_TABLE_ELEMENT,
  charge,
  type Fuel,
} from "./charge-code";
import { OP } from "./emit-ops";

const { localGet: LOCAL_GET, localTee: LOCAL_TEE, i64Const: I64_CONST } = OP;

/**
 * Largest 64-bit operand (memory64, table64) charged as it is: a bigger one is charged as this
 * (it cannot succeed anyway: no memory or table is that big), so that the scaled amount never
 * wraps past 2^63 into a negative charge.
 */
export const MAX_CHARGED_OPERAND = 1n << 48n;

/**
 * The operand on top of the stack, saved in `tmp`, as an i64 and scaled: an i32 widened, or
 * (`wide`, the 64-bit forms of memory64 and table64) an i64 taken unsigned, clamped to
 * MAX_CHARGED_OPERAND.
 */
export function operandAmount(tmp: number, shift: bigint, factor: bigint, wide = false): number[] {
  const t = encodeU32(tmp);
  const max = [I64_CONST, ...encodeS64(MAX_CHARGED_OPERAND)];
  const out = wide
    ? [LOCAL_GET, ...t, ...max, LOCAL_GET, ...t, ...max, OP.i64LtU, OP.select]
    : [LOCAL_GET, ...t, OP.i64ExtendI32U];
  if (shift > 0n) out.push(I64_CONST, ...encodeS64(shift), OP.i64ShrU);
  if (factor !== 1n) out.push(I64_CONST, ...encodeS64(factor), OP.i64Mul);
  return out;
}

/** Saves the operand on top of the stack in `tmp` and charges it, scaled. */
function operandCharge(f: Fuel, tmp: number, shift: bigint, factor: bigint, wide: boolean) {
  return [LOCAL_TEE, ...encodeU32(tmp), ...charge(f, operandAmount(tmp, shift, factor, wide))];
}

/** Before memory.fill/copy/init (length on top of the stack): charge length / 8. */
export function memoryBulkCharge(fuel: Fuel, tmp: number, wide = false): number[] {
  return operandCharge(fuel, tmp, BYTES_PER_FUEL_SHIFT, 1n, wide);
}

/** Before table.fill/copy/init (count on top of the stack): charge count elements. */
export function tableBulkCharge(fuel: Fuel, tmp: number, wide = false): number[] {
  return operandCharge(fuel, tmp, 0n, FUEL_PER_TABLE_ELEMENT, wide);
}

/** Before the GC array instructions charged per element (count on top of the stack). */
export function arrayBulkCharge(fuel: Fuel, tmp: number): number[] {
  return operandCharge(fuel, tmp, 0n, FUEL_PER_ARRAY_ELEMENT, false);
}
