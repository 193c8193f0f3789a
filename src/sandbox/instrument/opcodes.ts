// The fuel pass's view of an instruction: its class in the opcode table (../wasm/opcodes.ts),
// or a refusal that names it. Instructions the table decodes but does not mark metered would be
// refused too, never guessed at.
import { decodeInstruction, describeUnknown, type Instr } from "../wasm/decode";
import type { Reader } from "../wasm/reader";
import type { InstrKind } from "../wasm/opcodes";
import { RefusedError } from "./bytes";

export type { InstrKind };

/** Reads the instruction at r.pos into `ins`, leaving r.pos after its immediates. */
export function skipInstruction(r: Reader, ins: Instr): InstrKind {
  const info = decodeInstruction(r, ins);
  if (info?.metered) return info.kind;
  const what = describeUnknown(ins);
  throw new RefusedError(
    "invalid_module",
    `the module uses ${what}, which the fuel pass does not support`,
  );
}
