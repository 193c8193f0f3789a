// The documents the disassembly worker holds: the module and its instrumented form, mostly.
// Older ones are dropped when there are too many or they hold too much text.
import { disassemble } from "../toolchain/disassemble";
import { resetWabt } from "../toolchain/wabt-loader";
import type { DisassemblyApi, OpenOutcome } from "./api";
import { DisassemblyDocument, type Match } from "./document";
import { unshared } from "../shared-bytes";

/** Modules up to the page's own limit for opening a file. */
export const MAX_DISASSEMBLY_MODULE_BYTES = 64 * 1024 * 1024;
const MAX_DOCUMENTS = 4;
/** Text kept across documents (CRuby's module alone is 320 M characters). */
const MAX_KEPT_CHARS = 700_000_000;
/** After a module this large, wabt's heap (1.6 GB for CRuby) is let go with its instance. */
const FRESH_WABT_AFTER_BYTES = 4 * 1024 * 1024;

export class DocumentShelf implements DisassemblyApi {
  private readonly documents = new Map<number, DisassemblyDocument>();
  private nextId = 1;

  async open(bytes: Uint8Array): Promise<OpenOutcome> {
    const started = performance.now();
    const outcome = await disassemble(unshared(bytes), {
      maxModuleBytes: MAX_DISASSEMBLY_MODULE_BYTES,
      maxLines: Number.POSITIVE_INFINITY,
    });
    if (bytes.byteLength > FRESH_WABT_AFTER_BYTES) resetWabt();
    if (!outcome.ok) return outcome;
    return this.keep(outcome.text, started, "wabt");
  }

  async openText(utf8: Uint8Array, textBy: "binaryen"): Promise<OpenOutcome> {
    const started = performance.now();
    return this.keep(new TextDecoder().decode(utf8), started, textBy);
  }

  private keep(text: string, started: number, textBy: "wabt" | "binaryen"): OpenOutcome {
    const document = new DisassemblyDocument(text);
    const id = this.nextId++;
    this.documents.set(id, document);
    this.evict(id);
    const disassembleMs = Math.round(performance.now() - started);
    return { ok: true, id, summary: document.summary(), disassembleMs, textBy };
  }

  async lines(id: number, from: number, count: number): Promise<string[] | null> {
    return this.documents.get(id)?.lines(from, count) ?? null;
  }

  async find(id: number, query: string, from: Match | null, direction: 1 | -1) {
    return this.documents.get(id)?.find(query, from, direction) ?? null;
  }

  async count(id: number, query: string, cap: number) {
    return this.documents.get(id)?.count(query, cap) ?? { count: 0, capped: false };
  }

  async text(id: number, maxChars: number): Promise<string | null> {
    const document = this.documents.get(id);
    return document && document.text.length <= maxChars ? document.text : null;
  }

  async close(id: number): Promise<void> {
    this.documents.delete(id);
  }

  /** Drops the oldest documents (never `keep`) past the count or text bound. */
  private evict(keep: number): void {
    let kept = 0;
    for (const document of this.documents.values()) kept += document.text.length;
    for (const [id, document] of this.documents) {
      if (this.documents.size <= MAX_DOCUMENTS && kept <= MAX_KEPT_CHARS) return;
      if (id === keep) continue;
      this.documents.delete(id);
      kept -= document.text.length;
    }
  }
}
