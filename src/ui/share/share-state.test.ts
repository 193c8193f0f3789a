import { decodeHash, encodeState } from "../../share";
import { describe, expect, it } from "vitest";
import { PlaygroundStateSchema } from "../../share";
import { initialState } from "../state/defaults";
import type { PlaygroundState } from "../state/types";
import { emptyModuleInfo } from "../../sandbox/inspect/module-info";
import { effectiveAllowList, pagePatchFrom, sharedExampleId, toSharedState } from "./share-state";

function withImports(s: PlaygroundState, keys: string[]): PlaygroundState {
  return {
    ...s,
    compiled: {
      key: "k",
      bytes: new Uint8Array(),
      compileMs: 0,
      info: {
        ...emptyModuleInfo(0),
        imports: keys.map((k) => {
          const [module, name] = k.split(".") as [string, string];
          return {
            module,
            name,
            kind: "function" as const,
            signature: { params: [], results: [] },
          };
        }),
      },
    },
  };
}

describe("share state mapping", () => {
  it.each(["toString", "__proto__", "constructor", "hasOwnProperty"])(
    "an entry named %s is data: its arguments share and come back, no other entry's change",
    (entry) => {
      const page = { ...initialState(), entry, args: new Map([["other", ["1"]]]) };
      expect(toSharedState(page).args).toEqual([]);
      const typed = { ...page, args: new Map(page.args).set(entry, ["7"]) };
      const shared = toSharedState(typed);
      expect(shared.args).toEqual(["7"]);
      expect(PlaygroundStateSchema.safeParse(shared).success).toBe(true);
      const back = pagePatchFrom(shared, initialState()).args;
      expect(back?.get(entry)).toEqual(["7"]);
      expect(back?.get("other")).toBeUndefined();
    },
  );

  it("page defaults give a state the share schema accepts, and come back the same", () => {
    const page = initialState();
    const shared = toSharedState(page);
    expect(PlaygroundStateSchema.safeParse(shared).success).toBe(true);
    const patch = pagePatchFrom(shared, initialState());
    expect(patch.limits).toEqual(page.limits);
    expect(patch.allowList).toEqual(page.allowList);
    expect(patch.sources?.wat).toBe(page.sources.wat);
  });

  it("C and C++ carry their source and build options; an old link without them gets the defaults", () => {
    const page: PlaygroundState = {
      ...initialState(),
      language: "cpp",
      clangOptions: { optLevel: "Oz", flags: ["-Wall", "-DN=3"], exceptions: true },
    };
    const parsed = PlaygroundStateSchema.parse(toSharedState(page));
    const patch = pagePatchFrom(parsed, initialState());
    expect(patch.language).toBe("cpp");
    expect(patch.sources?.cpp).toBe(page.sources.cpp);
    expect(patch.clangOptions).toEqual(page.clangOptions);
    const old = PlaygroundStateSchema.parse({ v: 1, language: "c", source: "int main(){}" });
    expect(pagePatchFrom(old, initialState()).clangOptions).toEqual({
      optLevel: "O2",
      flags: [],
      exceptions: false,
    });
    const hostile = { v: 1, language: "c", source: "", clang: { flags: ["-Xclang", "-load"] } };
    expect(PlaygroundStateSchema.safeParse(hostile).success).toBe(false);
  });

  it("binaryen's optimisation level travels through a link, for a binary too; off is left out", async () => {
    const page: PlaygroundState = { ...initialState(), optimize: "Oz" };
    const encoded = await encodeState(PlaygroundStateSchema.parse(toSharedState(page)));
    if (!encoded.ok) throw new Error(encoded.message);
    const decoded = await decodeHash(encoded.hash);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(pagePatchFrom(decoded.state, initialState()).optimize).toBe("Oz");
    const binary = {
      ...initialState(),
      optimize: "O3" as const,
      binary: { name: "m.wasm", bytes: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) },
    };
    expect(toSharedState(binary)).toMatchObject({ language: "wasm", optimize: "O3" });
    expect(toSharedState(initialState())).not.toHaveProperty("optimize");
    expect(
      PlaygroundStateSchema.safeParse({ v: 1, language: "wat", source: "", optimize: "O9" })
        .success,
    ).toBe(false);
  });

  it("a link can ask for a profile: runs are profiled and the page opens on the Profile tab", async () => {
    const page: PlaygroundState = { ...initialState(), profileRuns: true };
    const encoded = await encodeState(PlaygroundStateSchema.parse(toSharedState(page)));
    if (!encoded.ok) throw new Error(encoded.message);
    const decoded = await decodeHash(encoded.hash);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.state.profile).toBe(true);
    expect(pagePatchFrom(decoded.state, initialState())).toMatchObject({
      profileRuns: true,
      tab: "profile",
    });
    // A link made without it (every link before the field) leaves the receiver's choice alone.
    expect(toSharedState(initialState())).not.toHaveProperty("profile");
    const old = PlaygroundStateSchema.parse({ v: 1, language: "wat", source: "(module)" });
    const patch = pagePatchFrom(old, { ...initialState(), profileRuns: true });
    expect(patch).not.toHaveProperty("profileRuns");
    expect(patch).not.toHaveProperty("tab");
    expect(
      PlaygroundStateSchema.safeParse({ v: 1, language: "wat", source: "", profile: "yes" })
        .success,
    ).toBe(false);
  });

  it("a denied import under a wildcard keeps the module's other imports allowed", () => {
    const page = withImports(
      { ...initialState(), importPolicy: { "wasi_snapshot_preview1.fd_write": false } },
      ["wasi_snapshot_preview1.fd_write", "wasi_snapshot_preview1.proc_exit"],
    );
    const list = effectiveAllowList(page);
    expect(list).toContain("wasi_snapshot_preview1.proc_exit");
    expect(list).not.toContain("wasi_snapshot_preview1.*");
    expect(list).not.toContain("wasi_snapshot_preview1.fd_write");
  });

  it("an import allowed by hand joins the list", () => {
    const page = { ...initialState(), importPolicy: { "env.read_file": true } };
    expect(effectiveAllowList(page)).toContain("env.read_file");
  });

  it("carries an unlimited fuel budget as null", () => {
    const page = { ...initialState(), limits: { ...initialState().limits, fuel: null } };
    expect(toSharedState(page).limits.maxFuel).toBeNull();
    expect(pagePatchFrom(toSharedState(page), page).limits?.fuel).toBeNull();
  });

  it("carries the WASI input (argv, env, stdin, files, determinism) there and back", async () => {
    const { encodeState, decodeHash } = await import("../../share");
    const io = {
      stdin: "line 1\nline 2\n",
      argv: ["--flag", "two words", ""],
      env: [
        ["GREETING", "hi"],
        ["__proto__", "x=y"],
      ] as [string, string][],
      files: [
        { path: "/input.txt", text: "the quick brown fox\n" },
        { path: "/data.bin", bytes: new Uint8Array([0, 1, 2, 255]) },
      ],
      deterministic: false,
    };
    const page: PlaygroundState = { ...initialState(), io };
    const encoded = await encodeState(toSharedState(page));
    if (!encoded.ok) throw new Error(encoded.message);
    const decoded = await decodeHash(encoded.hash);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(pagePatchFrom(decoded.state, initialState()).io).toEqual(io);
  });

  it("a binary example keeps its example through a link; an unknown or source example does not", async () => {
    const { encodeState, decodeHash } = await import("../../share");
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const page: PlaygroundState = {
      ...initialState(),
      binary: { name: "add.wasm", bytes },
      exampleId: "rust-add",
    };
    const encoded = await encodeState(toSharedState(page));
    if (!encoded.ok) throw new Error(encoded.message);
    const decoded = await decodeHash(encoded.hash);
    if (!decoded.ok || decoded.state.language !== "wasm") throw new Error("not a binary state");
    expect(sharedExampleId(decoded.state)).toBe("rust-add");
    // A link names an example the page does not have, or one that is not a binary: ignored.
    for (const example of ["no-such-example", "answer"]) {
      expect(sharedExampleId({ ...decoded.state, example })).toBeNull();
    }
    const plain = toSharedState({ ...page, exampleId: null });
    expect("example" in plain).toBe(false);
  });
});
