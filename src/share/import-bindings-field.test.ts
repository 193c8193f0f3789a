// The share state's optional importBindings field: round trip, validation, old links.
import { describe, expect, it } from "vitest";
import { decodeHash, encodeState } from "./link-codec";
import { defaultState, PlaygroundStateSchema } from "./state-schema";
import { V1_LINKS } from "./fixtures/v1-links";

const bindings = [
  { module: "bench", name: "start", kind: "noop" as const },
  {
    module: "rb-js-abi-host",
    name: "rb-abi-value: call.x",
    kind: "const" as const,
    value: "1, -2n",
  },
  {
    module: "m",
    name: "h",
    kind: "wat" as const,
    source: '(module (func (export "f")))',
    export: "f",
  },
];

describe("importBindings in a link", () => {
  it("round-trips bindings with any import names", async () => {
    const state = { ...defaultState("wat", "(module)"), importBindings: bindings };
    const encoded = await encodeState(state);
    if (!encoded.ok) throw new Error(encoded.message);
    expect(await decodeHash(encoded.hash)).toStrictEqual({ ok: true, state });
  });

  it("is left out of links that bind nothing, so they are as before", async () => {
    const plain = await encodeState(defaultState("wat", "(module)"));
    const empty = await encodeState({ ...defaultState("wat", "(module)"), importBindings: [] });
    expect(plain.ok && empty.ok && plain.hash === empty.hash).toBe(true);
  });

  it("old links decode without the field", async () => {
    for (const link of Object.values(V1_LINKS)) {
      const decoded = await decodeHash(link);
      expect(decoded.ok && "importBindings" in decoded.state).toBe(false);
    }
  });

  it("refuses unknown kinds, extra fields, oversized values and an import bound twice", () => {
    const parse = (importBindings: unknown) =>
      PlaygroundStateSchema.safeParse({ v: 1, language: "wat", source: "", importBindings })
        .success;
    expect(parse(bindings)).toBe(true);
    expect(parse([{ module: "m", name: "n", kind: "trap" }])).toBe(false);
    expect(parse([{ module: "m", name: "n", kind: "noop", value: "1" }])).toBe(false);
    expect(parse([{ module: "m", name: "n", kind: "const", value: "1".repeat(1001) }])).toBe(false);
    expect(parse([{ module: "m", name: "n", kind: "const" }])).toBe(false);
    expect(parse([bindings[0], bindings[0]])).toBe(false);
  });
});
