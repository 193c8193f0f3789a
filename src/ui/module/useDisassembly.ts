// The disassembly of one module, made and kept in the disassembly worker: its summary (line
// count, functions) here, its lines fetched page by page as they scroll into view.
import { useEffect, useReducer, useState } from "react";
import * as engine from "../engine/engine";
import type { DocumentSummary } from "../../sandbox/disassembly/api";
import type { DisassemblyHost } from "../../sandbox/disassembly/host";
import { LinePages } from "./line-pages";

export type Disassembly =
  | { status: "idle" }
  | { status: "working"; bytes: number }
  | { status: "error"; message: string }
  | {
      status: "ready";
      id: number;
      host: DisassemblyHost;
      summary: DocumentSummary;
      pages: LinePages;
      disassembleMs: number;
      textBy: "wabt" | "binaryen";
    };

type Done = Exclude<Disassembly, { status: "idle" | "working" }>;

export function useDisassembly(bytes: Uint8Array | null): Disassembly & { version: number } {
  const [done, setDone] = useState<{ from: Uint8Array; attempt: number; state: Done } | null>(null);
  // Bumped when fetched lines arrive, so the visible rows re-render with them.
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const [attempt, retry] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    if (!bytes) return;
    let live = true;
    let opened: { host: DisassemblyHost; id: number } | null = null;
    const finish = (state: Done) => live && setDone({ from: bytes, attempt, state });
    void (async () => {
      const host = await engine.disassembler().catch(() => null);
      if (!host)
        return finish({ status: "error", message: "The disassembler could not be loaded." });
      // Posted as is: the message copies it (the page keeps its own bytes), or shares it when the
      // bytes are shared; the worker takes its own copy of shared bytes. A slice made two copies.
      const outcome = await host.open(bytes);
      if (!outcome.ok) return finish({ status: "error", message: outcome.message });
      opened = { host, id: outcome.id };
      if (!live) return void host.close(outcome.id);
      const pages = new LinePages(
        (from, count) => host.lines(outcome.id, from, count),
        bump,
        // The worker was replaced (a failed call): make the text again.
        () => live && retry(),
      );
      const { id, summary, disassembleMs, textBy } = outcome;
      finish({ status: "ready", id, host, summary, pages, disassembleMs, textBy });
    })();
    return () => {
      live = false;
      if (opened) void opened.host.close(opened.id);
    };
  }, [bytes, attempt]);

  if (!bytes) return { status: "idle", version };
  if (done?.from !== bytes || done.attempt !== attempt) {
    return { status: "working", bytes: bytes.byteLength, version };
  }
  return { ...done.state, version };
}
