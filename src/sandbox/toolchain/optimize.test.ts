// binaryen's optimizer on real modules, in Node: smaller or faster code with the same behaviour.
import { describe, expect, it } from "vitest";
import { compileWat } from "./compile-wat";
import { optimizeModule } from "./optimize";
import { WasmSandbox } from "../sandbox";
import { nodeRuntime } from "../testing/node-runtime";
import { envBinding } from "../runner/env-host";

/** Dead code, foldable constants and a helper worth inlining. */
const SOURCE = `(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "sum done")
  (func $unused (result i32) (i32.mul (i32.const 6) (i32.const 7)))
  (func $step (param $x i32) (result i32) (i32.add (local.get $x) (i32.add (i32.const 1) (i32.const 2))))
  (func (export "main") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $step (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $log (i32.const 0) (i32.const 8))
    (local.get $acc)))`;

async function wat(): Promise<Uint8Array> {
  const compiled = await compileWat(SOURCE);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.bytes;
}

async function run(bytes: Uint8Array) {
  await using sandbox = new WasmSandbox({ allowedImports: ["env.log"] }, nodeRuntime([envBinding]));
  return await sandbox.execute(bytes, { entry: "main", args: [100] });
}

describe("optimizeModule (binaryen)", () => {
  it("-Oz and -O3 give a smaller module with the same value and output; fuel falls too", async () => {
    const original = await wat();
    const before = await run(original);
    expect(before.value).toBe(5250);
    for (const level of ["Oz", "O3"] as const) {
      const optimized = await optimizeModule(original, level);
      if (!optimized.ok) throw new Error(optimized.message);
      expect(optimized.bytes.length, level).toBeLessThan(original.length);
      const after = await run(optimized.bytes);
      expect(after.value, level).toBe(5250);
      expect(after.output, level).toBe(before.output);
      expect(after.fuelConsumed! < before.fuelConsumed!, level).toBe(true);
    }
  }, 60_000);

  it("'none' hands the module back untouched", async () => {
    const original = await wat();
    const outcome = await optimizeModule(original, "none");
    expect(outcome).toMatchObject({ ok: true, optimizeMs: 0 });
    if (outcome.ok) expect(outcome.bytes).toBe(original);
  });

  it("refuses an invalid module before binaryen reads it, and an unknown level", async () => {
    expect(await optimizeModule(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1]), "O2")).toEqual({
      ok: false,
      message: "binaryen was not run: the module is not valid WebAssembly.",
    });
    expect(await optimizeModule(await wat(), "O9" as "O2")).toEqual({
      ok: false,
      message: 'Unknown optimisation level "O9".',
    });
  });
});
