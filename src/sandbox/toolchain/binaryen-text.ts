// The text of a module wabt cannot read (GC struct and array types, rec groups), from binaryen:
// its flat (stack) form, indented two spaces a level like wasm2wat's so the page's function list
// finds each function. Only for a module V8 has validated: binaryen is not a validator to trust
// on hostile input (NOTES-binaryen), and an abort inside it is caught here as a failure. Runs in
// the toolchain worker, where binaryen-loader.ts loads binaryen once for this and the optimizer.
import { loadBinaryen, v8Features } from "./binaryen-loader";
import { describeError } from "./compile-failure";
import { truncateLines, type DisassembleOutcome } from "./disassemble";

export type BinaryenTextOutcome = { ok: true; text: string } | { ok: false; message: string };

/** The text as UTF-8, so it crosses threads by transfer, not by copying a string. */
export type BinaryenTextReply = { ok: true; utf8: Uint8Array } | { ok: false; message: string };

/** The first line of binaryen's text in the WAT view, so no one takes it for wabt's. */
export const BINARYEN_TEXT_NOTE =
  ";; binaryen's text: wabt, the page's disassembler and WAT compiler, cannot read this module's " +
  "Wasm 3.0 types (GC structs and arrays, rec groups). Names and layout differ from wabt's, and " +
  "the page cannot compile this text back.";

export async function binaryenText(bytes: Uint8Array): Promise<BinaryenTextOutcome> {
  let b;
  try {
    b = await loadBinaryen();
  } catch (error) {
    return { ok: false, message: `binaryen failed to load: ${describeError(error)}` };
  }
  let module: ReturnType<typeof b.readBinary> | undefined;
  try {
    module = b.readBinary(bytes);
    module.setFeatures(v8Features(b));
    const text = module.emitStackIR().replace(/^ +/gm, (indent) => indent + indent);
    return { ok: true, text: `${BINARYEN_TEXT_NOTE}\n${text}` };
  } catch (error) {
    return { ok: false, message: `binaryen could not read it either: ${describeError(error)}` };
  } finally {
    module?.dispose();
  }
}

export async function binaryenTextReply(bytes: Uint8Array): Promise<BinaryenTextReply> {
  const outcome = await binaryenText(bytes);
  return outcome.ok ? { ok: true, utf8: new TextEncoder().encode(outcome.text) } : outcome;
}

/** wabt's outcome, or binaryen's text where wabt cannot read a module V8 accepts. */
export async function orBinaryenText(
  outcome: DisassembleOutcome,
  bytes: Uint8Array,
  maxLines: number,
): Promise<DisassembleOutcome> {
  if (outcome.ok || !outcome.binaryenReads) return outcome;
  const fallback = await binaryenText(bytes);
  if (fallback.ok) return { ok: true, text: truncateLines(fallback.text, maxLines) };
  return { ok: false, message: `${outcome.message} ${fallback.message}` };
}
