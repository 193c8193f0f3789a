// Disassembly of Wasm 3.0 modules: exnref through wabt; a GC module, which wabt cannot read,
// gets a message saying so instead of "not valid". Needs a V8 with GC (Node 24; Node 20 skips;
// CI runs it with Node 24).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWat } from "./compile-wat";
import { disassemble } from "./disassemble";

const GC = new Uint8Array(
  readFileSync(new URL("../instrument/fixtures/wasm3/gc.wasm", import.meta.url)),
);

describe.skipIf(!WebAssembly.validate(GC))("disassemble: Wasm 3.0", () => {
  it("says a GC module is valid but its text cannot be shown, and why", async () => {
    const outcome = await disassemble(GC);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toMatch(/^The module is valid and runs, but its text cannot be shown/);
    expect(outcome.message).toContain("GC struct and array types");
    expect(outcome.message).not.toContain("Not a valid");
  });

  it("shows try_table, throw and exnref", async () => {
    const built = await compileWat(`(module (tag $e (param i32))
  (func (export "f") (param i32) (result i32)
    (block $h (result i32 exnref)
      (try_table (catch_ref $e $h) (throw $e (local.get 0)))
      (i32.const 0) (ref.null exn)) drop))`);
    if (!built.ok) throw new Error(built.message);
    const outcome = await disassemble(built.bytes);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.text).toContain("try_table");
    expect(outcome.text).toContain("exnref");
    expect(outcome.text).toMatch(/^\s*throw /m);
  });
});
