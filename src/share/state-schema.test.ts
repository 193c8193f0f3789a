import { describe, expect, it } from "vitest";
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
