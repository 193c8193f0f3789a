import { describe, expect, it } from "vitest";
import { defaultState, defaultWasmState, type PlaygroundState } from "../state-schema";
import { toWireObject } from "../wire-json";
import { MemoryBackend } from "./draft-backend";
import { describeState, newBlobRef, sha256Ref, type DraftOrigin } from "./draft-record";
import { DraftHistory, type SaveRequest } from "./draft-history";

/** What the page sends: the wire JSON, bytes it has not sent before as blobs. */
function request(
  id: string | null,
  state: PlaygroundState,
  origin: DraftOrigin = "own",
  known = new Map<Uint8Array, string>(),
): SaveRequest {
  const blobs: Uint8Array[] = [];
  const wire = toWireObject(state, (bytes) => {
    const hash = known.get(bytes);
    if (hash) return sha256Ref(hash);
    blobs.push(bytes);
    return newBlobRef(blobs.length - 1);
  });
  return { id, origin, summary: describeState(state), wire, blobs };
}

function history(backend = new MemoryBackend(), caps = {}) {
  let clock = 1_000;
  let ids = 0;
  return new DraftHistory(backend, { now: () => clock++, newId: () => `d${++ids}`, ...caps });
}

const wat = (source: string) => defaultState("wat", source);
type WasmState = Extract<PlaygroundState, { language: "wasm" }>;
const module = (fill: number, length = 64): WasmState => {
  const bytes = new Uint8Array(length).fill(fill);
  bytes.set([0, 97, 115, 109, 1, 0, 0, 0]);
  return defaultWasmState(bytes, `m${fill}.wasm`) as WasmState;
};

async function saved(h: DraftHistory, req: SaveRequest): Promise<string> {
  const outcome = await h.save(req);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.id;
}

describe("DraftHistory", () => {
  it("updates a draft in place and lists drafts newest first with their summary", async () => {
    const h = history();
    const a = await saved(h, request(null, wat(";; first\n(module)")));
    expect(await saved(h, request(a, wat(";; first, edited\n(module)")))).toBe(a);
    const b = await saved(h, request(null, module(7)));
    const list = await h.list();
    expect(list.map((d) => d.id)).toEqual([b, a]);
    expect(list[1]).toMatchObject({ language: "wat", title: ";; first, edited", origin: "own" });
    expect(list[0]).toMatchObject({ language: "wasm", title: "m7.wasm", size: 64 });
    const loaded = await h.load(a);
    expect(loaded.ok && loaded.state).toStrictEqual(wat(";; first, edited\n(module)"));
  });

  it("a draft, then link one, then link two: the draft is still there and restores", async () => {
    const h = history();
    const mine = wat(";; mine\n(module)");
    const draft = await saved(h, request(null, mine));
    await saved(h, request(null, wat(";; link one"), "link"));
    await saved(h, request(null, wat(";; link two"), "link"));
    expect((await h.list()).map((d) => d.title)).toEqual([";; link two", ";; link one", ";; mine"]);
    const restored = await h.load(draft);
    expect(restored.ok && restored.state).toStrictEqual(mine);
  });

  it("opening many links never evicts the person's own drafts; each kind keeps its newest", async () => {
    const h = history(new MemoryBackend(), { ownDrafts: 3, linkDrafts: 2 });
    for (let i = 0; i < 4; i++) await saved(h, request(null, wat(`;; own ${i}`)));
    for (let i = 0; i < 5; i++) await saved(h, request(null, wat(`;; link ${i}`), "link"));
    expect((await h.list()).map((d) => d.title)).toEqual([
      ";; link 4",
      ";; link 3",
      ";; own 3",
      ";; own 2",
      ";; own 1",
    ]);
  });

  it("an edited link draft becomes the person's own", async () => {
    const h = history(new MemoryBackend(), { ownDrafts: 5, linkDrafts: 1 });
    const link = await saved(h, request(null, wat(";; from a link"), "link"));
    await saved(h, request(link, wat(";; from a link, edited"), "own"));
    await saved(h, request(null, wat(";; another link"), "link"));
    expect((await h.list()).map((d) => [d.title, d.origin])).toEqual([
      [";; another link", "link"],
      [";; from a link, edited", "own"],
    ]);
  });

  it("the same link opened twice is one draft", async () => {
    const h = history();
    const one = await saved(h, request(null, wat(";; link"), "link"));
    expect(await saved(h, request(null, wat(";; link"), "link"))).toBe(one);
    expect(await h.list()).toHaveLength(1);
  });

  it("stores a module once for several drafts, and only the hash when it was sent before", async () => {
    const backend = new MemoryBackend();
    const h = history(backend);
    const state = module(1, 4096);
    const first = await h.save(request(null, state));
    expect(first.ok).toBe(true);
    const hash = first.ok ? first.hashes[0]! : "";
    const known = new Map([[state.module!, hash]]);
    const second = request(null, { ...state, entry: "main" }, "own", known);
    expect(second.blobs).toHaveLength(0);
    const id = await saved(h, second);
    expect(backend.blobs.size).toBe(1);
    const loaded = await h.load(id);
    expect(loaded.ok && loaded.state.language === "wasm" && [...loaded.state.module!]).toEqual([
      ...state.module!,
    ]);
    expect(loaded.ok && loaded.known.map(([, h]) => h)).toEqual([hash]);
  });

  it("deletes a module no draft references any more", async () => {
    const backend = new MemoryBackend();
    const h = history(backend);
    const id = await saved(h, request(null, module(1)));
    await saved(h, request(id, module(2)));
    expect(backend.blobs.size).toBe(1);
  });

  it("asks for the bytes again when a hash it was given is not stored", async () => {
    const h = history();
    const state = module(3);
    const outcome = await h.save(
      request(null, state, "own", new Map([[state.module!, "ab".repeat(32)]])),
    );
    expect(outcome).toMatchObject({ ok: false, code: "unknown_blob" });
  });

  it("a full storage is a quota message that offers a file, and the older drafts stay", async () => {
    const h = history(new MemoryBackend(false, 10_000));
    const mine = await saved(h, request(null, wat(";; small")));
    const outcome = await h.save(request(null, module(5, 50_000)));
    expect(outcome).toMatchObject({ ok: false, code: "quota_exceeded" });
    expect(!outcome.ok && outcome.message).toMatch(/storage .* is full.*save it as a file/);
    expect((await h.load(mine)).ok).toBe(true);
  });

  it("the latest draft is the one saved or restored last", async () => {
    const h = history();
    const a = await saved(h, request(null, wat(";; a")));
    await saved(h, request(null, wat(";; b")));
    expect(await h.touch(a)).toBe(true);
    const latest = await h.latest();
    expect(latest.ok && latest.summary.id).toBe(a);
  });

  it("a damaged stored draft is refused with a reason, not trusted", async () => {
    const backend = new MemoryBackend();
    const h = history(backend);
    const id = await saved(h, request(null, wat(";; x")));
    backend.drafts.set(id, {
      ...backend.drafts.get(id)!,
      json: '{"v":1,"language":"wat","source":5}',
    });
    expect(await h.load(id)).toMatchObject({ ok: false, code: "schema_mismatch" });
    backend.drafts.set(id, { ...backend.drafts.get(id)!, json: "{" });
    expect(await h.load(id)).toMatchObject({ ok: false, code: "invalid_json" });
    expect(await h.load("missing")).toMatchObject({ ok: false, code: "empty" });
  });
});
