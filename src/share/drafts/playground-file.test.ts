import { describe, expect, it } from "vitest";
import { MAX_DECODED_BYTES } from "../format";
import { defaultWasmState, type PlaygroundState } from "../state-schema";
import {
  decodePlaygroundFile,
  encodePlaygroundFile,
  FILE_MAGIC,
  looksLikePlaygroundFile,
} from "./playground-file";

function bigModule(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 2463534242; // xorshift32: incompressible, so the file is as big as the module
  for (let i = 8; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  bytes.set([0, 97, 115, 109, 1, 0, 0, 0]);
  return bytes;
}

type WasmState = Extract<PlaygroundState, { language: "wasm" }>;

async function encoded(
  state = defaultWasmState(bigModule(3 * 1024 * 1024), "big.wasm") as WasmState,
) {
  const file = await encodePlaygroundFile(state);
  if (!file.ok) throw new Error(file.message);
  return { state, bytes: file.bytes };
}

describe("playground files", () => {
  it("round-trip a state with a module far bigger than a link can hold", async () => {
    const { state, bytes } = await encoded();
    expect(looksLikePlaygroundFile(bytes)).toBe(true);
    expect(bytes.length).toBeGreaterThan(MAX_DECODED_BYTES); // more than any link may hold
    const back = await decodePlaygroundFile(bytes);
    if (!back.ok || back.state.language !== "wasm") throw new Error(JSON.stringify(back));
    // Compared as one buffer: an element-wise diff of 3 MiB takes minutes.
    expect(Buffer.from(back.state.module!).equals(Buffer.from(state.module!))).toBe(true);
    expect({ ...back.state, module: null }).toStrictEqual({ ...state, module: null });
  });

  it.each([
    ["a wasm module", (b: Uint8Array) => bigModule(b.length), "not_playground_link"],
    ["a cut-off file", (b: Uint8Array) => b.subarray(0, b.length - 100), "truncated"],
    ["extra bytes", (b: Uint8Array) => Uint8Array.from([...b, 1]), "corrupt"],
    [
      "a flipped byte",
      (b: Uint8Array) => {
        const c = b.slice();
        c[c.length - 3] ^= 0xff;
        return c;
      },
      "corrupt",
    ],
    [
      "a newer version",
      (b: Uint8Array) => {
        const c = b.slice();
        c[FILE_MAGIC.length] = 9;
        return c;
      },
      "future_version",
    ],
  ])("refuse %s with a reason", async (_what, damage, code) => {
    const { bytes } = await encoded(defaultWasmState(bigModule(4096)) as WasmState);
    expect(await decodePlaygroundFile(damage(bytes))).toMatchObject({ ok: false, code });
  });
});
