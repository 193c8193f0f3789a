import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HARD_LINK_CHARS, SOFT_LINK_CHARS } from "./format";
import { decodeHash, encodeState } from "./link-codec";
import { defaultState, defaultWasmState, V1_DEFAULTS, type PlaygroundState } from "./state-schema";
import { jsonInsideLink, stateArb } from "./test-support";

async function roundTrip(state: PlaygroundState) {
  const encoded = await encodeState(state);
  if (!encoded.ok) throw new Error(`${encoded.code}: ${encoded.message}`);
  return { encoded, decoded: await decodeHash(encoded.hash) };
}

/** Bytes no compressor can shrink, from a fixed seed so the test is the same every run. */
function incompressibleBytes(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const incompressibleText = (length: number) =>
  Array.from(incompressibleBytes(length), (b) => String.fromCharCode(33 + (b % 90))).join("");

describe("round trip", () => {
  it("gives back exactly the state for any generated state (bytes, unicode, lone surrogates)", async () => {
    await fc.assert(
      fc.asyncProperty(stateArb, async (state) => {
        const { encoded, decoded } = await roundTrip(state);
        expect(encoded.hash).toMatch(/^#s1\/[A-Za-z0-9_-]+$/); // base64url, never "=" padding
        expect(encoded.bytes).toBe(encoded.hash.length);
        expect(decoded).toStrictEqual({ ok: true, state });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps an embedded module byte for byte", async () => {
    const module = incompressibleBytes(5_000);
    const state = defaultWasmState(module, "m.wasm");
    const { decoded } = await roundTrip(state);
    expect(decoded.ok && decoded.state.language === "wasm" && decoded.state.module).toEqual(module);
  });
});

describe("defaults are left out of the link", () => {
  it("a default state carries only v, language and source", async () => {
    const { encoded } = await roundTrip(defaultState("wat", "(module)"));
    expect(await jsonInsideLink(encoded.hash)).toStrictEqual({
      v: 1,
      language: "wat",
      source: "(module)",
    });
  });

  it("a changed field travels alone; unchanged limits stay out", async () => {
    const state = defaultState("assemblyscript", "x");
    state.limits.timeoutMs = 1_000;
    state.env = [["A", "1"]];
    const { encoded, decoded } = await roundTrip(state);
    expect(await jsonInsideLink(encoded.hash)).toStrictEqual({
      v: 1,
      language: "assemblyscript",
      source: "x",
      limits: { timeoutMs: 1_000 },
      env: [["A", "1"]],
    });
    expect(decoded).toStrictEqual({ ok: true, state });
  });

  it("an embedded module is a blob reference, not base64 text in the JSON", async () => {
    const state: PlaygroundState = defaultWasmState(
      new Uint8Array([0, 97, 115, 109]),
      V1_DEFAULTS.moduleName,
    );
    const { encoded } = await roundTrip(state);
    expect(await jsonInsideLink(encoded.hash)).toStrictEqual({
      v: 1,
      language: "wasm",
      module: { $blob: 0 },
    });
  });

  it("the null fuel limit (unlimited) differs from the default and is kept", async () => {
    const state = defaultState("wat", "");
    state.limits.maxFuel = null;
    const { encoded, decoded } = await roundTrip(state);
    expect(await jsonInsideLink(encoded.hash)).toMatchObject({ limits: { maxFuel: null } });
    expect(decoded.ok && decoded.state.limits.maxFuel).toBeNull();
  });
});

describe("size limits", () => {
  it("a small program makes a short link without a warning", async () => {
    const { encoded } = await roundTrip(defaultState("wat", '(module (func (export "main")))'));
    expect(encoded.bytes).toBeLessThan(150);
    expect(encoded.warning).toBeUndefined();
  });

  it("over the soft limit, encoding succeeds with a warning that states the length", async () => {
    const { encoded, decoded } = await roundTrip(defaultState("wat", incompressibleText(3_000)));
    expect(encoded.bytes).toBeGreaterThan(SOFT_LINK_CHARS);
    expect(encoded.warning).toContain(encoded.bytes.toLocaleString("en-US"));
    expect(decoded.ok).toBe(true);
  });

  it("over the hard limit, refuses to embed a module and says why", async () => {
    const state: PlaygroundState = defaultWasmState(incompressibleBytes(60_000), "big.wasm");
    const encoded = await encodeState(state);
    expect(encoded).toMatchObject({ ok: false, code: "link_too_large" });
    expect(!encoded.ok && encoded.message).toMatch(/embedded module \(59 KiB\).*source/);
  });

  it("over the hard limit with text only, refuses and points at the source", async () => {
    const encoded = await encodeState(defaultState("wat", incompressibleText(90_000)));
    expect(encoded).toMatchObject({ ok: false, code: "link_too_large" });
    expect(!encoded.ok && encoded.message).toMatch(/65,536 characters/);
  });

  it("the largest module that fits still round-trips (limits of encoder and decoder agree)", async () => {
    const state: PlaygroundState = defaultWasmState(incompressibleBytes(48_000), "ok.wasm");
    const { encoded, decoded } = await roundTrip(state);
    expect(encoded.bytes).toBeGreaterThan(60_000);
    expect(encoded.bytes - 1).toBeLessThanOrEqual(HARD_LINK_CHARS);
    expect(decoded).toStrictEqual({ ok: true, state });
  });

  it("refuses to encode a state the engine would refuse", async () => {
    const state = defaultState("wat", "");
    state.limits.timeoutMs = 0;
    expect(await encodeState(state)).toMatchObject({ ok: false, code: "invalid_state" });
  });
});
