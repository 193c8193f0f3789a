// Disassembly of Wasm 3.0 modules: exnref and a 64-bit memory beside a 32-bit one through wabt;
// a GC module, which wabt cannot read, is flagged as one binaryen reads, and binaryen's text of
// it is marked as binaryen's. Needs a V8 with GC (Node 24; Node 20 skips; CI runs it with Node 24).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWat } from "./compile-wat";
import { disassemble } from "./disassemble";
import { BINARYEN_TEXT_NOTE, binaryenText, orBinaryenText } from "./binaryen-text";
import { DisassemblyDocument } from "../disassembly/document";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../instrument/fixtures/wasm3/${name}`, import.meta.url)));
const GC = fixture("gc.wasm");

describe.skipIf(!WebAssembly.validate(GC))("disassemble: Wasm 3.0", () => {
  it("says wabt cannot read a GC module, and that binaryen can, not that it is invalid", async () => {
    const outcome = await disassemble(GC);
    expect(outcome).toMatchObject({ ok: false, binaryenReads: true });
    if (outcome.ok) return;
    expect(outcome.message).toMatch(/^The module is valid and runs, but its text cannot be shown/);
    expect(outcome.message).not.toContain("Not a valid");
  });

  it("shows a GC module's text from binaryen, marked as binaryen's, functions listed", async () => {
    const outcome = await binaryenText(GC);
    if (!outcome.ok) throw new Error(outcome.message);
    const [first, ...rest] = outcome.text.split("\n");
    expect(first).toBe(BINARYEN_TEXT_NOTE);
    const text = rest.join("\n");
    expect(text).toMatch(/^ {4}\(type \$node \(sub \(struct/m); // in its rec group, two levels in
    expect(text).toMatch(/^ +struct\.new \$node$/m);
    expect(text).toMatch(/^ +br_on_cast /m);
    expect(text).toContain("array.new_data $bytes $d");
    // Indented like wasm2wat's, so the page's function list finds binaryen's functions too.
    const functions = new DisassemblyDocument(outcome.text).functions;
    expect(functions.map((f) => f.name)).toEqual(["list", "1", "add", "3", "4"]);
    // The toolchain's own disassemble gives the same text, cut at its line bound.
    const cut = await orBinaryenText(await disassemble(GC), GC, 3);
    expect(cut).toMatchObject({ ok: true, text: expect.stringMatching(/^;; binaryen's text/) });
    if (cut.ok) expect(cut.text.split("\n")[3]).toMatch(/more lines not shown/);
  });

  it("shows a module with a 64-bit memory beside a 32-bit one (multi-memory)", async () => {
    const outcome = await disassemble(fixture("memory64.wasm"));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.text).not.toContain("binaryen");
    expect(outcome.text).toMatch(/\(memory \$m64 i64 1\)/);
    expect(outcome.text).toMatch(/\(memory \$m32 1\)/);
    expect(outcome.text).toContain("memory.grow $m32");
    expect(outcome.text).toContain("i32.load8_u offset=1");
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
