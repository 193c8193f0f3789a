// The page's bindings: what each import is bound to, and what the engine gets for a run.
import { describe, expect, it } from "vitest";
import type { ImportInfo } from "../../sandbox/inspect/module-info";
import { runSettings } from "../controller/settings";
import { createPlayground } from "../controller/playground";
import { initialState } from "../state/defaults";
import { bindingChoice, parseConstant, refusedImports, watTemplate } from "./bindings";

const fn = (module: string, name: string, results: string[] = []): ImportInfo => ({
  module,
  name,
  kind: "function",
  signature: { params: ["i32"], results },
});
const IMPORTS: ImportInfo[] = [
  fn("env", "log"),
  fn("bench", "start"),
  fn("rb-js-abi-host", "rb-abi-value: call.x", ["i32", "i64"]),
  fn("env", "seed", ["f64"]),
];

function playgroundWith(imports: ImportInfo[]) {
  const playground = createPlayground(initialState());
  const info = { imports } as unknown as NonNullable<
    ReturnType<typeof initialState>["compiled"]
  >["info"];
  playground.store.set({
    compiled: { key: "k", bytes: new Uint8Array(), info, compileMs: 0 },
  });
  return playground;
}

describe("page bindings", () => {
  it("each import starts as the allow-list says: host or deny", () => {
    const s = playgroundWith(IMPORTS).store.get();
    expect(IMPORTS.map((i) => bindingChoice(s, i))).toEqual(["host", "deny", "deny", "deny"]);
    expect(runSettings(s).bindings).toEqual([]);
  });

  it("AssemblyScript's env.trace is allowed by default", () => {
    expect(bindingChoice(initialState(), fn("env", "trace"))).toBe("host");
  });

  it("each choice reaches the engine as a binding with the exact module and name", () => {
    const playground = playgroundWith(IMPORTS);
    const [log, start, weird, seed] = IMPORTS as [ImportInfo, ImportInfo, ImportInfo, ImportInfo];
    playground.setBinding(start, "noop");
    playground.setBinding(weird, "const");
    playground.updateBinding(weird, { value: "7, -3n" });
    playground.setBinding(seed, "wat");
    playground.setBinding(log, "trap");
    const s = playground.store.get();
    expect(IMPORTS.map((i) => bindingChoice(s, i))).toEqual(["trap", "noop", "const", "wat"]);
    expect(runSettings(s).bindings).toEqual([
      { module: "env", name: "log", kind: "trap" },
      { module: "bench", name: "start", kind: "noop" },
      { module: "rb-js-abi-host", name: "rb-abi-value: call.x", kind: "const", value: [7, -3n] },
      { module: "env", name: "seed", kind: "wat", source: watTemplate(seed) },
    ]);
    // Back to deny: the binding is gone, and the allow-list no longer names env.log.
    playground.setBinding(log, "deny");
    playground.setBinding(start, "deny");
    const after = playground.store.get();
    expect(runSettings(after).bindings.map((b) => b.name)).toEqual([
      "rb-abi-value: call.x",
      "seed",
    ]);
    expect(runSettings(after).config.allowedImports).toEqual([]);
  });

  it("host for a name an allow-list cannot hold is a host binding", () => {
    const playground = playgroundWith(IMPORTS);
    playground.setBinding(IMPORTS[2]!, "host");
    expect(runSettings(playground.store.get()).bindings).toEqual([
      { module: "rb-js-abi-host", name: "rb-abi-value: call.x", kind: "host" },
    ]);
  });

  it("the refusal offers the denied and unprovided functions; bindAsNoop binds them at once", () => {
    const playground = playgroundWith(IMPORTS);
    const provided = (i: ImportInfo) => i.module === "env" && i.name === "log";
    const refused = refusedImports(playground.store.get(), IMPORTS, provided);
    expect(refused.map((i) => i.name)).toEqual(["start", "rb-abi-value: call.x", "seed"]);
    playground.bindAsNoop(refused);
    expect(refusedImports(playground.store.get(), IMPORTS, provided)).toEqual([]);
    expect(runSettings(playground.store.get()).bindings.every((b) => b.kind === "noop")).toBe(true);
  });

  it("reads constants per result type; what is not a number stays NaN for the engine to refuse", () => {
    const sig = { params: [], results: ["i32", "i64", "f64"] };
    expect(parseConstant("1, 2n, 0.5", sig)).toEqual([1, 2n, 0.5]);
    expect(parseConstant("-9223372036854775808", { params: [], results: ["i64"] })).toBe(
      -(2n ** 63n),
    );
    expect(parseConstant("x", { params: [], results: ["i32"] })).toBeNaN();
    expect(parseConstant("1.5", { params: [], results: ["i64"] })).toBeNaN();
  });
});
