import { describe, expect, it, vi } from "vitest";
import { decodeHash, defaultWasmState, encodeState, type PlaygroundState } from "../../share";
import { findExample } from "../../examples/catalog";
import { exampleBytes } from "../../examples/example-bytes.test-support";
import type { BinaryExample } from "../../examples/types";
import { forLink, withExampleModule } from "./example-module";

const wordcount = findExample("wasi-wordcount") as BinaryExample;
type WasmState = Extract<PlaygroundState, { language: "wasm" }>;

async function sharedExample(): Promise<WasmState> {
  const state = defaultWasmState(await exampleBytes(wordcount), "wordcount.wasm") as WasmState;
  return { ...state, example: wordcount.id };
}

async function decoded(state: PlaygroundState): Promise<{ chars: number; state: PlaygroundState }> {
  const encoded = await encodeState(state);
  if (!encoded.ok) throw new Error(encoded.message);
  const back = await decodeHash(encoded.hash);
  if (!back.ok) throw new Error(back.message);
  return { chars: encoded.hash.length, state: back.state };
}

describe("a catalogue example in a link", () => {
  it("travels by its id, not its 32 KiB, and opens with the example's bytes", async () => {
    const state = await sharedExample();
    const withBytes = await decoded(state);
    const byId = await decoded(forLink(state));
    expect(withBytes.chars).toBeGreaterThan(15_000);
    expect(byId.chars).toBeLessThan(200);
    expect(byId.state).toMatchObject({ language: "wasm", example: "wasi-wordcount" });
    expect(byId.state.language === "wasm" && byId.state.module).toBeUndefined();

    const fetchBinary = vi.fn(exampleBytes);
    const opened = await withExampleModule(byId.state, fetchBinary);
    expect(fetchBinary).toHaveBeenCalledWith(wordcount);
    expect(opened).toEqual({ ok: true, state: withBytes.state });
  });

  it("keeps the bytes of a module that is not a catalogue example", async () => {
    const dropped = defaultWasmState(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    expect(forLink(dropped)).toBe(dropped);
    const unknown = { ...dropped, example: "no-such-example" };
    expect(forLink(unknown)).toBe(unknown);
  });

  it("refuses an id this page does not know, or an example it cannot fetch, saying which", async () => {
    const { module: _bytes, ...byId } = await sharedExample();
    const fetchBinary = vi.fn(exampleBytes);
    expect(await withExampleModule({ ...byId, example: "gone-example" }, fetchBinary)).toEqual({
      ok: false,
      message:
        "it names the example “gone-example”, which this version of the playground does not have.",
    });
    expect(fetchBinary).not.toHaveBeenCalled();
    const offline = await withExampleModule(byId, () => Promise.reject(new Error("HTTP 404")));
    expect(offline).toEqual({
      ok: false,
      message: `the example “${wordcount.title}” could not be fetched (HTTP 404).`,
    });
  });

  it("is a valid link state only with bytes or an example id", async () => {
    const { module: _bytes, example: _id, ...neither } = await sharedExample();
    const encoded = await encodeState(neither as PlaygroundState);
    expect(encoded).toMatchObject({ ok: false });
    expect(!encoded.ok && encoded.message).toContain(
      "expected the module's bytes or the id of a catalogue example",
    );
  });
});
