// wasm → WAT text for the read-only view, with wabt.js: the same output as `wasm2wat` (names from
// the name section where present, indices elsewhere), bounded so a huge module cannot produce a
// text that freezes the editor or exhausts the worker. wabt cannot read every Wasm 3.0 module
// (GC's struct and array types, rec groups): for a module V8 accepts, the outcome says so
// (`binaryenReads`), and binaryen's text is shown instead (binaryen-text.ts), made in the
// toolchain worker, the one place binaryen is loaded, not here: this file also runs in the
// disassembly worker.
import { WABT_FEATURES, exactBytes, isWabtCrash, loadWabt, resetWabt } from "./wabt-loader";
import type { WabtModule } from "./wabt-loader";
import { describeError } from "./compile-failure";
import { groupDigits } from "../digits";
import { formatBytes } from "../bytes";

export type DisassembleOutcome =
  | { ok: true; text: string }
  /** binaryenReads: V8 accepts the module but wabt cannot read it (Wasm 3.0 GC types). */
  | { ok: false; message: string; binaryenReads?: true };

export interface DisassembleOptions {
  /** Modules larger than this are not disassembled at all (text is ~5–10× the binary). */
  maxModuleBytes?: number;
  /** The text is cut after this many lines, with a note saying so. */
  maxLines?: number;
}

export const DISASSEMBLY_DEFAULTS = { maxModuleBytes: 8 * 1024 * 1024, maxLines: 20_000 } as const;

export async function disassemble(
  bytes: Uint8Array,
  options: DisassembleOptions = {},
): Promise<DisassembleOutcome> {
  const maxModuleBytes = options.maxModuleBytes ?? DISASSEMBLY_DEFAULTS.maxModuleBytes;
  const maxLines = options.maxLines ?? DISASSEMBLY_DEFAULTS.maxLines;
  if (bytes.byteLength > maxModuleBytes) {
    return {
      ok: false,
      message: `The module is ${formatBytes(bytes.byteLength)}; disassembly is shown for modules up to ${formatBytes(maxModuleBytes)}.`,
    };
  }
  let wabt;
  try {
    wabt = await loadWabt();
  } catch (error) {
    return {
      ok: false,
      message: `The disassembler (wabt) failed to load: ${describeError(error)}`,
    };
  }
  const read = wabtText(wabt, bytes);
  if (read.ok) return { ok: true, text: truncateLines(read.text, maxLines) };
  if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) {
    return { ok: false, message: `Not a valid WebAssembly module: ${read.message}` };
  }
  return {
    ok: false,
    binaryenReads: true,
    message:
      "The module is valid and runs, but its text cannot be shown: it uses Wasm 3.0 features " +
      `(GC struct and array types, rec groups) that the disassembler (wabt) does not read (${read.message.split("\n")[0]}).`,
  };
}

/** wasm2wat's text, or wabt's reason for not reading the module. */
function wabtText(
  wabt: WabtModule,
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; message: string } {
  let module: ReturnType<typeof wabt.readWasm> | undefined;
  try {
    module = wabt.readWasm(exactBytes(bytes), { readDebugNames: true, ...WABT_FEATURES });
    module.applyNames();
    return { ok: true, text: module.toText({ foldExprs: false, inlineExport: false }) };
  } catch (error) {
    if (isWabtCrash(error)) resetWabt();
    const message = describeError(error)
      .replace(/^readWasm failed:\s*/, "")
      .trim();
    return { ok: false, message };
  } finally {
    try {
      module?.destroy();
    } catch {
      resetWabt();
    }
  }
}

export function truncateLines(text: string, maxLines: number): string {
  let index = -1;
  for (let line = 0; line < maxLines; line++) {
    index = text.indexOf("\n", index + 1);
    if (index === -1) return text;
  }
  if (index === text.length - 1) return text;
  const total = countLines(text);
  const dropped = total - maxLines;
  const noun = dropped === 1 ? "line" : "lines";
  return `${text.slice(0, index + 1)};; … ${groupDigits(dropped)} more ${noun} not shown (${groupDigits(total)} in all)\n`;
}

function countLines(text: string): number {
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < text.length - 1; i = text.indexOf("\n", i + 1)) {
    count++;
  }
  return count;
}
