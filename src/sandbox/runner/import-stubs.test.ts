// stubImports: function imports nobody provides, linked to a stub that traps naming the import.
import { describe, expect, it } from "vitest";
import type { ImportInfo } from "../inspect/module-info";
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import { wat } from "../testing/wat";
import { createEnvModule, envBinding } from "./env-host";
import { linkImports } from "./link-imports";
import type { RunRequest } from "./protocol";
import { runGuest } from "./run-guest";

const MODULE = `(module
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "missing_feature" (func $missing (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "main") (result i32) (i32.const 1))
  (func (export "use") (result i32) (call $missing (i32.const 5)))
  (func (export "greet") (call $log (i32.const 0) (i32.const 0)))
  (func (export "swallow") (result i32)
    (try (do (drop (call $missing (i32.const 1)))) (catch_all))
    (i32.const 7)))`;

async function run(request: Partial<RunRequest>) {
  return runGuest(
    await wat(MODULE, { names: true }),
    {
      runId: 1,
      allowedImports: ["env.log"],
      memoryLimitBytes: 65_536,
      maxOutputBytes: 1024,
      metered: false,
      deterministic: true,
      ...request,
    },
    { onEvent: () => {}, readFuel, readGrowRefused, hostBindings: [envBinding] },
  );
}

describe("import stubs", () => {
  it("without a stub, an unprovided import is denied", async () => {
    const r = await run({});
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain("env.missing_feature");
  });

  it("a stubbed import links without an allow-list entry; the module runs while it is not called", async () => {
    const r = await run({ stubImports: ["env.missing_feature"] });
    expect(r).toMatchObject({ success: true, value: 1 });
  });

  it("calling a stub is a trap naming the import", async () => {
    const r = await run({ entry: "use", stubImports: ["env.missing_feature"] });
    expect(r.errorKind).toBe("trap");
    expect(r.error).toMatch(
      /^trap: import env\.missing_feature was called, but it is only a stub \(no host provides it\) in function "use"/,
    );
  });

  it("a guest that catches the stub's trap still ends in that trap", async () => {
    const r = await run({ entry: "swallow", stubImports: ["env.*"] });
    expect(r.errorKind).toBe("trap");
    expect(r.error).toContain("import env.missing_feature was called");
  });

  it('"module.*" stubs every unprovided function, but an allowed host function wins', async () => {
    const r = await run({ entry: "greet", stubImports: ["env.*"] });
    expect(r).toMatchObject({ success: true });
    const denied = await run({ entry: "greet", allowedImports: [], stubImports: ["env.*"] });
    // env.log not allowed: it is a stub too, and the stub grants nothing.
    expect(denied.error).toContain("import env.log was called, but it is only a stub");
  });

  it("only function imports can be stubbed", () => {
    const imports: ImportInfo[] = [
      { module: "env", name: "g", kind: "global", type: "i32", mutable: false },
    ];
    const env = createEnvModule({ memory: () => undefined, write: () => {}, deterministic: true });
    const r = linkImports(
      imports,
      { allowedImports: [], memoryLimitBytes: 65_536, stubImports: ["env.*"] },
      [env],
    );
    expect(r).toMatchObject({ ok: false, kind: "import_denied" });
  });
});
