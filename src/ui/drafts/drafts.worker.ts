// The drafts worker: hashing, serialising and storing drafts (modules of 30 MB included), and
// packing/unpacking playground files, all off the main thread. IndexedDB when the browser
// allows it; otherwise drafts live in memory for this page only, and the page says so.
import * as Comlink from "comlink";
import { MemoryBackend, type DraftBackend } from "../../share/drafts/draft-backend";
import { describeState, NEW_BLOB_REF_KEY } from "../../share/drafts/draft-record";
import { DraftHistory, type LoadOutcome } from "../../share/drafts/draft-history";
import { decodePlaygroundFile, encodePlaygroundFile } from "../../share/drafts/playground-file";
import type { PlaygroundState } from "../../share";
import { toWireObject } from "../../share/wire-json";
import { openIndexedDbBackend } from "./indexeddb-backend";

let opened: Promise<{ history: DraftHistory; problem: string | null }> | null = null;

function history() {
  opened ??= openIndexedDbBackend().then(
    (backend: DraftBackend) => ({ history: new DraftHistory(backend), problem: null }),
    (error: unknown) => ({
      history: new DraftHistory(new MemoryBackend()),
      problem: error instanceof Error ? error.message : String(error),
    }),
  );
  return opened;
}

/** The buffers of a state's byte arrays, each once, to transfer instead of copying. */
function buffersOf(arrays: Iterable<Uint8Array>): ArrayBuffer[] {
  return [...new Set([...arrays].map((a) => a.buffer as ArrayBuffer))];
}

function transferLoad(outcome: LoadOutcome): LoadOutcome {
  return outcome.ok ? Comlink.transfer(outcome, buffersOf(outcome.known.map(([b]) => b))) : outcome;
}

const api = {
  async open() {
    const { history: h, problem } = await history();
    return { persistent: h.persistent, problem };
  },
  save: async (...args: Parameters<DraftHistory["save"]>) =>
    (await history()).history.save(...args),
  list: async () => (await history()).history.list(),
  load: async (id: string) => transferLoad(await (await history()).history.load(id)),
  latest: async () => transferLoad(await (await history()).history.latest()),
  touch: async (id: string) => (await history()).history.touch(id),
  /** Drafts an earlier release kept in localStorage, oldest first; returns how many were kept. */
  async importStates(states: PlaygroundState[]): Promise<number> {
    const { history: h } = await history();
    let kept = 0;
    for (const state of states) {
      const blobs: Uint8Array[] = [];
      const wire = toWireObject(state, (bytes) => {
        blobs.push(bytes);
        return { [NEW_BLOB_REF_KEY]: blobs.length - 1 };
      });
      const saved = await h.save({
        id: null,
        origin: "own",
        summary: describeState(state),
        wire,
        blobs,
      });
      if (saved.ok) kept++;
    }
    return kept;
  },
  async encodeFile(state: PlaygroundState) {
    const file = await encodePlaygroundFile(state);
    return file.ok ? Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]) : file;
  },
  async decodeFile(bytes: Uint8Array) {
    const read = await decodePlaygroundFile(bytes);
    if (!read.ok) return read;
    const arrays = [
      ...(read.state.language === "wasm" && read.state.module ? [read.state.module] : []),
      ...read.state.files.flatMap((f) => ("bytes" in f ? [f.bytes] : [])),
    ];
    return Comlink.transfer(read, buffersOf(arrays));
  },
};

export type DraftsWorkerApi = typeof api;

Comlink.expose(api);
