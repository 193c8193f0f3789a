// The fuel pass's view of an instruction: its class in the opcode table (../wasm/opcodes.ts),
// or a refusal that names it. Instructions the table decodes but the pass does not meter (GC)
// are refused too, never guessed at.
import { decodeInstruction, describeUnknown, type Instr } from "../wasm/decode";
import type { Reader } from "../wasm/reader";
import type { InstrKind } from "../wasm/opcodes";
import { RefusedError } from "./bytes";

export type { InstrKind };

/** Reads the instruction at r.pos into `ins`, leaving r.pos after its immediates. */
export function skipInstruction(r: Reader, ins: Instr): InstrKind {
  const info = decodeInstruction(r, ins);
  if (info?.metered) return info.kind;
  const what =
    ins.op === 0xfb ? "GC instructions (struct/array/i31, prefix 0xfb)" : describeUnknown(ins);
  throw new RefusedError(
    "invalid_module",
    `the module uses ${what}, which the fuel pass does not support`,
  );
}
