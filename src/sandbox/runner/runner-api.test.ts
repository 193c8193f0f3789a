import { describe, expect, it } from "vitest";
import { WasmSandbox } from "../sandbox";
import { nodeRuntime } from "../testing/node-runtime";
import { wat } from "../testing/wat";
import { envBinding } from "./env-host";
import type { HostBindingFactory } from "./host-bindings";
import { reportTransferables } from "./runner-api";
import { summarize } from "../profile/build";

describe("reportTransferables", () => {
  it("moves each buffer a file owns whole, and none that is shared or only partly a file's", () => {
    const own = new Uint8Array([1, 2, 3]);
    const big = new ArrayBuffer(16);
    const part = new Uint8Array(big, 4, 4);
    const twice = new Uint8Array(8);
    const moved = reportTransferables({
      files: { "/own": own, "/part": part, "/a": twice, "/b": twice },
    });
    expect(moved).toEqual([own.buffer]);
    expect(moved[0]).toBe(own.buffer);
    expect(reportTransferables({})).toEqual([]);
  });

  it("moves the profile's columns", () => {
    const tree = summarize({
      func: Int32Array.from([-1, 0]),
      parent: Int32Array.from([-1, 0]),
      calls: Float64Array.from([0, 1]),
      self: Float64Array.from([0, 5]),
      names: {},
      truncated: false,
    });
    const moved = reportTransferables({ profile: tree });
    const f = tree.functions;
    for (const column of [tree.func, tree.parent, tree.calls, tree.self, tree.total, f.index])
      expect(moved).toContain(column.buffer);
    expect(moved).toContain(f.total.buffer);
    expect(new Set(moved).size).toBe(9);
  });
});

describe("the runner's report", () => {
  it("moves the files' bytes to the host rather than copying them (the runner's copy empties)", async () => {
    // A binding whose files the test holds: after the run, the runner's side must be detached.
    const held = { "/out.bin": new Uint8Array([7, 8, 9]), "/empty": new Uint8Array(0) };
    const filesBinding: HostBindingFactory = () => ({
      module: { name: "files", functions: {} },
      files: () => held,
    });
    const runtime = nodeRuntime([envBinding, filesBinding]);
    await using sandbox = new WasmSandbox({ allowedImports: [] }, runtime);
    const result = await sandbox.execute(
      await wat(`(module (func (export "main") (result i32) (i32.const 1)))`),
    );
    expect(result.success).toBe(true);
    expect(result.files?.["/out.bin"]).toEqual(new Uint8Array([7, 8, 9]));
    expect(result.files?.["/empty"]).toEqual(new Uint8Array(0));
    expect(held["/out.bin"].byteLength).toBe(0);
  });
});
