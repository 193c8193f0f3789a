// The page's side of the drafts worker. The page sends a draft's JSON and only the bytes the
// worker has not stored yet (a module it already holds travels as its hash), so toggling an
// option on a 30 MB module posts a few hundred bytes, not the module.
import * as Comlink from "comlink";
import { checkState, type DecodeError, type EncodeError, type PlaygroundState } from "../../share";
import {
  describeState,
  newBlobRef,
  sha256Ref,
  type DraftOrigin,
  type DraftSummary,
} from "../../share/drafts/draft-record";
import type { LoadOutcome, SaveOutcome } from "../../share/drafts/draft-history";
import { toWireObject } from "../../share/wire-json";
import type { DraftsWorkerApi } from "./drafts.worker";

export type { DraftSummary, LoadOutcome, SaveOutcome, DraftOrigin };

export interface DraftClient {
  /** persistent false: the browser blocks storage; drafts last as long as the page. */
  open(): Promise<{ persistent: boolean; problem: string | null }>;
  save(id: string | null, origin: DraftOrigin, state: PlaygroundState): Promise<SaveOutcome>;
  /** Newest first. */
  list(): Promise<DraftSummary[]>;
  load(id: string): Promise<LoadOutcome>;
  latest(): Promise<LoadOutcome>;
  touch(id: string): Promise<boolean>;
  importStates(states: PlaygroundState[]): Promise<number>;
  encodeFile(state: PlaygroundState): Promise<{ ok: true; bytes: Uint8Array } | EncodeError>;
  decodeFile(
    bytes: Uint8Array,
  ): Promise<{ ok: true; state: PlaygroundState; migratedFrom?: number } | DecodeError>;
}

export function createDraftClient(): DraftClient {
  const worker = new Worker(new URL("./drafts.worker.ts", import.meta.url), {
    type: "module",
    name: "wasm-playground-drafts",
  });
  const remote = Comlink.wrap<DraftsWorkerApi>(worker);
  /** Byte arrays the worker has stored, by identity: saved again, they travel as the hash. */
  const known = new WeakMap<Uint8Array, string>();
  const remember = (outcome: LoadOutcome): LoadOutcome => {
    if (outcome.ok) for (const [bytes, hash] of outcome.known) known.set(bytes, hash);
    return outcome;
  };

  async function send(
    id: string | null,
    origin: DraftOrigin,
    state: PlaygroundState,
    useKnown: boolean,
  ): Promise<SaveOutcome> {
    const blobs: Uint8Array[] = [];
    const wire = toWireObject(state, (bytes) => {
      const hash = useKnown ? known.get(bytes) : undefined;
      if (hash) return sha256Ref(hash);
      blobs.push(bytes);
      return newBlobRef(blobs.length - 1);
    });
    const outcome = await remote.save({ id, origin, summary: describeState(state), wire, blobs });
    if (outcome.ok) blobs.forEach((bytes, i) => known.set(bytes, outcome.hashes[i]!));
    return outcome;
  }

  return {
    open: () => remote.open(),
    async save(id, origin, state) {
      const checked = checkState(state);
      if (!checked.ok)
        return { ok: false, code: "invalid_request", message: checked.message, bytes: 0 };
      const outcome = await send(id, origin, state, true);
      // The stored copy went away (another tab cleared it): send the bytes themselves.
      return !outcome.ok && outcome.code === "unknown_blob"
        ? send(id, origin, state, false)
        : outcome;
    },
    list: () => remote.list(),
    load: async (id) => remember(await remote.load(id)),
    latest: async () => remember(await remote.latest()),
    touch: (id) => remote.touch(id),
    importStates: (states) => remote.importStates(states),
    encodeFile: (state) => remote.encodeFile(state),
    decodeFile: (bytes) =>
      remote.decodeFile(Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])),
  };
}
