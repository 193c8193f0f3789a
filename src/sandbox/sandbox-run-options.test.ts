// WasmSandbox.execute's per-run options, end to end in Node: checked, then threaded through
// instrument() (deferred start) and the runner (stubs).
import { describe, expect, it } from "vitest";
import { checkRunOptions } from "./run-options";
import { WasmSandbox } from "./sandbox";
import { nodeRuntime } from "./testing/node-runtime";
import { wat } from "./testing/wat";
import type { ExecuteOptions } from "./types";

describe("checkRunOptions", () => {
  it("accepts the defaults and good values", () => {
    expect(checkRunOptions({})).toBeUndefined();
    expect(
      checkRunOptions({ stubImports: ["env.x", "m.*"], driver: "ruby-wasm", script: "p 1" }),
    ).toBeUndefined();
  });

  it("names the bad field", () => {
    expect(checkRunOptions({ stubImports: ["nodot"] })).toMatch(/^stubImports entries must/);
    const bad = { driver: "python" } as unknown as ExecuteOptions;
    expect(checkRunOptions(bad)).toBe('driver must be one of "ruby-wasm"; got "python"');
    expect(checkRunOptions({ script: 5 } as unknown as ExecuteOptions)).toMatch(/^script must/);
  });
});

describe("WasmSandbox.execute options", () => {
  it("a bad option is an invalid_config result", async () => {
    await using sandbox = new WasmSandbox({}, nodeRuntime());
    const r = await sandbox.execute(await wat(`(module (func (export "main")))`), {
      stubImports: ["*"],
    });
    expect(r).toMatchObject({ success: false, errorKind: "invalid_config" });
  });

  it("stubImports reach the runner: the stub links, and traps when called", async () => {
    await using sandbox = new WasmSandbox({ allowedImports: [] }, nodeRuntime());
    const bytes = await wat(`(module (import "host" "fetch" (func $f (result i32)))
      (func (export "main") (result i32) (call $f)))`);
    const r = await sandbox.execute(bytes, { stubImports: ["host.fetch"] });
    expect(r.errorKind).toBe("trap");
    expect(r.error).toContain("import host.fetch was called, but it is only a stub");
  });

  it("a start function runs deferred: out of fuel there is fuel_exhausted", async () => {
    await using sandbox = new WasmSandbox({ maxFuel: 10_000 }, nodeRuntime());
    const bytes = await wat(`(module (func $init (loop $l (br $l))) (start $init)
      (func (export "main")))`);
    const r = await sandbox.execute(bytes);
    expect(r).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: 10_000n });
  });
});
