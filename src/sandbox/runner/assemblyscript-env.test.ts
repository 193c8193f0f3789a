// AssemblyScript's standard env imports, on real asc output: the signatures must match what
// asc 0.28 emits, or the allow-list check would deny them.
import { beforeAll, describe, expect, it } from "vitest";
import { ASSEMBLYSCRIPT_IMPORTS } from "../config";
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import { compileAssemblyScript } from "../toolchain/compile-assemblyscript";
import { createEnvModule, envBinding } from "./env-host";
import type { RunRequest } from "./protocol";
import { runGuest } from "./run-guest";

const SOURCE = `
export function main(): void {
  console.log("hello " + (6 * 7).toString());
  console.warn("careful");
  trace("point", 2, 1.5, -2);
  trace("bare");
  console.log(Math.random().toString());
  console.log(Math.random().toString());
  console.log(Date.now().toString());
  console.log(Date.now().toString());
}`;

let bytes: Uint8Array;
beforeAll(async () => {
  const compiled = await compileAssemblyScript(SOURCE);
  if (!compiled.ok) throw new Error(compiled.message);
  bytes = compiled.bytes;
}, 60_000);

function run(request: Partial<RunRequest> = {}) {
  return runGuest(
    bytes,
    {
      runId: 1,
      allowedImports: [...ASSEMBLYSCRIPT_IMPORTS],
      memoryLimitBytes: 16 * 65_536,
      maxOutputBytes: 4096,
      metered: false,
      deterministic: true,
      ...request,
    },
    { onEvent: () => {}, readFuel, readGrowRefused, hostBindings: [envBinding] },
  );
}

describe("AssemblyScript env imports", () => {
  it("the env module provides every name of ASSEMBLYSCRIPT_IMPORTS", () => {
    const env = createEnvModule({ memory: () => undefined, write: () => {}, deterministic: true });
    for (const entry of ASSEMBLYSCRIPT_IMPORTS) {
      expect(Object.hasOwn(env.functions, entry.slice("env.".length)), entry).toBe(true);
    }
  });

  it("console, trace, Math.random and Date.now link and print; deterministic runs agree", async () => {
    const [a, b] = [await run(), await run()];
    expect(a.errorKind, a.error).toBeUndefined();
    const lines = a.output.split("\n");
    expect(lines.slice(0, 3)).toEqual(["hello 42", "point 1.5 -2", "bare"]);
    expect(a.stderr).toBe("careful\n");
    const [r1, r2] = lines.slice(3, 5).map(Number);
    expect(r1).toBeGreaterThanOrEqual(0);
    expect(r1).toBeLessThan(1);
    expect(r2).not.toBe(r1);
    // 2024-01-01T00:00:00Z, then one virtual millisecond later.
    expect(lines.slice(5, 7)).toEqual(["1704067200000", "1704067200001"]);
    expect(b.output).toBe(a.output);
  });

  it("non-deterministic mode uses the real clock and a fresh seed", async () => {
    const [a, b] = [await run({ deterministic: false }), await run({ deterministic: false })];
    const random = (output: string) => output.split("\n")[3];
    expect(random(a.output)).not.toBe(random(b.output));
    const now = Number(a.output.split("\n")[5]);
    expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
  });

  it("the AS imports stay denied unless allowed", async () => {
    const r = await run({ allowedImports: ["env.abort"] });
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain("env.console.log (func (param i32)): not in allowedImports");
    expect(r.error).toContain("env.Date.now (func (result f64)): not in allowedImports");
  });
});
