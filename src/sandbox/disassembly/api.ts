// The disassembly worker's interface: it makes the text of a module (wasm2wat, through wabt.js)
// and keeps it; the page reads it a page of lines at a time, searches it, and takes it whole
// only to open it in the editor.
import type { DocumentSummary, Match } from "./document";

export type { DocumentSummary, FunctionEntry, Match } from "./document";

export type OpenOutcome =
  | {
      ok: true;
      id: number;
      summary: DocumentSummary;
      disassembleMs: number;
      /** Whose text: wabt's (wasm2wat), or binaryen's for a module wabt cannot read. */
      textBy: "wabt" | "binaryen";
    }
  /** binaryenReads: wabt cannot read this module V8 accepts; binaryen's text can stand in. */
  | { ok: false; message: string; binaryenReads?: true };

export interface DisassemblyApi {
  /** Disassembles `bytes` and keeps the text under the returned id. */
  open(bytes: Uint8Array): Promise<OpenOutcome>;
  /** Keeps a text made elsewhere (binaryen's, as UTF-8, transferred) like a disassembly. */
  openText(utf8: Uint8Array, textBy: "binaryen"): Promise<OpenOutcome>;
  /** Lines [from, from + count) of a document; null when the id is no longer held. */
  lines(id: number, from: number, count: number): Promise<string[] | null>;
  find(id: number, query: string, from: Match | null, direction: 1 | -1): Promise<Match | null>;
  count(id: number, query: string, cap: number): Promise<{ count: number; capped: boolean }>;
  /** The whole text, or null when it is longer than `maxChars` (or the id is gone). */
  text(id: number, maxChars: number): Promise<string | null>;
  close(id: number): Promise<void>;
}
