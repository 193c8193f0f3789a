import { describe, expect, it } from "vitest";
import { decodeHash, encodeState } from "./link-codec";
import { defaultState, PlaygroundStateSchema, V1_DEFAULTS } from "./state-schema";

describe("v1 defaults", () => {
  it("are pinned: an old link that omits a field means exactly these values", () => {
    // Changing this expectation changes what every released link means: add v2 instead.
    expect(V1_DEFAULTS).toStrictEqual({
      limits: {
        maxMemoryBytes: 67_108_864,
        timeoutMs: 5_000,
        maxFuel: "100000000",
        maxOutputBytes: 1_048_576,
      },
      allowedImports: ["env.log", "env.abort", "wasi_snapshot_preview1.*"],
      stubbedImports: [],
      entry: null,
      args: [],
      stdin: "",
      argv: [],
      env: [],
      files: [],
      deterministic: true,
      moduleName: "module.wasm",
    });
  });

  it("pass the engine's own config rules", () => {
    expect(PlaygroundStateSchema.safeParse(defaultState("wat", "")).success).toBe(true);
  });

  it("fill every field a link leaves out", () => {
    const state = PlaygroundStateSchema.parse({ v: 1, language: "assemblyscript", source: "s" });
    expect(state).toStrictEqual({
      ...defaultsOfASourceState(),
      v: 1,
      language: "assemblyscript",
      source: "s",
    });
  });
});

function defaultsOfASourceState() {
  const { moduleName: _m, ...rest } = structuredClone(V1_DEFAULTS) as Record<string, unknown>;
  return rest;
}

describe("Ruby programs", () => {
  const script = 'puts "#{6 * 7} ünïcode"\nARGV.each { p _1 }\n';

  it('are a source language: language "ruby" and its source, defaults filled in', () => {
    const state = PlaygroundStateSchema.parse({ v: 1, language: "ruby", source: script });
    expect(state).toStrictEqual({
      ...defaultsOfASourceState(),
      v: 1,
      language: "ruby",
      source: script,
    });
  });

  it("travel in a link with Ruby's limits and arguments, and decode to the same state", async () => {
    const state = PlaygroundStateSchema.parse({
      v: 1,
      language: "ruby",
      source: script,
      limits: {
        maxMemoryBytes: 256 * 1024 * 1024,
        timeoutMs: 30_000,
        maxFuel: "10000000000",
        maxOutputBytes: 1024 * 1024,
      },
      argv: ["a", "b c"],
    });
    const encoded = await encodeState(state);
    if (!encoded.ok) throw new Error(encoded.message);
    expect(await decodeHash(encoded.hash)).toStrictEqual({ ok: true, state });
  });

  it("are refused with a binary's fields, and other language names stay refused", () => {
    expect(
      PlaygroundStateSchema.safeParse({ v: 1, language: "ruby", module: new Uint8Array(8) })
        .success,
    ).toBe(false);
    expect(
      PlaygroundStateSchema.safeParse({ v: 1, language: "python", source: "print(1)" }).success,
    ).toBe(false);
  });
});
