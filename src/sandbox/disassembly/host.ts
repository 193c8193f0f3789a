// The main thread's handle on the disassembly worker: spawned lazily, every call bounded. A call
// that fails ends the worker (the documents it held go with it); the next open spawns a new one.
// A module wabt cannot read (GC types) gets binaryen's text from the toolchain worker, the one
// place binaryen is loaded (the optimizer's too); it arrives as UTF-8 and goes on to the
// disassembly worker by transfer, so the page never holds or copies the text.
import * as Comlink from "comlink";
import type { BinaryenTextReply } from "../toolchain/binaryen-text";
import { sharedToolchain } from "../runtime/shared-toolchain";
import { WorkerHandle } from "../runtime/worker-handle";
import type { WorkerLike } from "../runtime/worker-endpoint";
import type { DisassemblyApi, Match, OpenOutcome } from "./api";

/** Disassembling CRuby's 30 MB module takes ~15 s on a quiet machine; allow for a busy one. */
const OPEN_TIMEOUT_MS = 480_000;
/** Reading, searching or copying a held text (a search of 320 M characters: ~1 s). */
const READ_TIMEOUT_MS = 30_000;

export class DisassemblyHost {
  private handle: WorkerHandle<DisassemblyApi> | undefined;

  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly binaryenText: (bytes: Uint8Array) => Promise<BinaryenTextReply> = (bytes) =>
      sharedToolchain().binaryenText(bytes),
  ) {}

  private async call<R>(
    invoke: (api: DisassemblyApi) => Promise<R>,
    timeoutMs: number,
  ): Promise<{ ok: true; value: R } | { ok: false; message: string }> {
    if (!this.handle?.alive) this.handle = new WorkerHandle<DisassemblyApi>(this.spawn());
    const handle = this.handle;
    const outcome = await handle.call(
      (remote) => invoke(remote as unknown as DisassemblyApi),
      timeoutMs,
    );
    if (outcome.ok) return outcome;
    if (handle.alive) handle.terminate("replaced after a failed call");
    return { ok: false, message: outcome.message };
  }

  async open(bytes: Uint8Array): Promise<OpenOutcome> {
    const started = performance.now();
    const outcome = await this.call((api) => api.open(bytes), OPEN_TIMEOUT_MS);
    if (!outcome.ok) return { ok: false, message: `The disassembler stopped: ${outcome.message}` };
    const opened = outcome.value;
    if (opened.ok || !opened.binaryenReads) return opened;
    const text = await this.binaryenText(bytes);
    if (!text.ok) return { ok: false, message: `${opened.message} ${text.message}` };
    const kept = await this.call(
      (api) => api.openText(Comlink.transfer(text.utf8, [text.utf8.buffer]), "binaryen"),
      OPEN_TIMEOUT_MS,
    );
    if (!kept.ok) return { ok: false, message: `The disassembler stopped: ${kept.message}` };
    if (!kept.value.ok) return kept.value;
    return { ...kept.value, disassembleMs: Math.round(performance.now() - started) };
  }

  /** null when the document is gone (the worker was replaced): open it again. */
  async lines(id: number, from: number, count: number): Promise<string[] | null> {
    const outcome = await this.call((api) => api.lines(id, from, count), READ_TIMEOUT_MS);
    return outcome.ok ? outcome.value : null;
  }

  async find(
    id: number,
    query: string,
    from: Match | null,
    direction: 1 | -1,
  ): Promise<Match | null> {
    const outcome = await this.call((api) => api.find(id, query, from, direction), READ_TIMEOUT_MS);
    return outcome.ok ? outcome.value : null;
  }

  async count(id: number, query: string, cap: number) {
    const outcome = await this.call((api) => api.count(id, query, cap), READ_TIMEOUT_MS);
    return outcome.ok ? outcome.value : { count: 0, capped: false };
  }

  async text(id: number, maxChars: number): Promise<string | null> {
    const outcome = await this.call((api) => api.text(id, maxChars), READ_TIMEOUT_MS);
    return outcome.ok ? outcome.value : null;
  }

  async close(id: number): Promise<void> {
    if (this.handle?.alive) await this.call((api) => api.close(id), READ_TIMEOUT_MS);
  }
}
