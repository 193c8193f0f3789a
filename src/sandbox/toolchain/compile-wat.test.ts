import { describe, expect, it } from "vitest";
import { MAX_WAT_SOURCE_CHARS, compileWat } from "./compile-wat";

type Fn = (...args: unknown[]) => unknown;

async function compileOk(source: string): Promise<Uint8Array<ArrayBuffer>> {
  const outcome = await compileWat(source);
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.compileMs).toBeGreaterThanOrEqual(0);
  // The JS API wants bytes backed by a plain ArrayBuffer; the contract type is wider.
  return new Uint8Array(outcome.bytes);
}

async function run(source: string, entry: string, ...args: unknown[]): Promise<unknown> {
  const { instance } = await WebAssembly.instantiate(await compileOk(source), {});
  return (instance.exports[entry] as Fn)(...args);
}

async function errors(source: string) {
  const outcome = await compileWat(source);
  if (outcome.ok) throw new Error("compiled, but should not have");
  return outcome;
}

describe("compileWat", () => {
  it("compiles flat syntax", async () => {
    const flat = `(module
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add))`;
    expect(await run(flat, "add", 2, 3)).toBe(5);
  });

  it("describes the module it made, as inspect() does (the page asks nothing more)", async () => {
    const outcome = await compileWat(
      `(module (memory 1) (func (export "add") (param i32 i64) (result i32) local.get 0))`,
    );
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.info?.exports).toEqual([
      {
        name: "add",
        kind: "function",
        index: 0,
        signature: { params: ["i32", "i64"], results: ["i32"] },
      },
    ]);
    expect(outcome.info?.memories).toHaveLength(1);
  });

  it("compiles folded syntax", async () => {
    const folded = `(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2))))))))`;
    expect(await run(folded, "fib", 10)).toBe(55);
  });

  it("accepts the post-MVP features V8 ships", async () => {
    const source = `(module
  (memory 1)
  (table 1 externref)
  (tag $e (param i32))
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "multi") (result i32 i32) i32.const 1 i32.const 2)
  (func (export "simd") (result i32) v128.const i32x4 1 2 3 4 i32x4.extract_lane 2)
  (func $id (param i32) (result i32) local.get 0)
  (func (export "tail") (param i32) (result i32) local.get 0 return_call $id)
  (func (export "signext") (param i32) (result i32) local.get 0 i32.extend8_s)
  (func (export "sat") (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s)
  (func (export "bulk") (i32.const 0) (i32.const 7) (i32.const 10) memory.fill)
  (func (export "ref") (param externref) (table.set 0 (i32.const 0) (local.get 0)))
  (func (export "exn") (param i32) (result i32)
    (try (result i32) (do (throw $e (local.get 0))) (catch $e))))`;
    const bytes = await compileOk(source);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { instance } = await WebAssembly.instantiate(bytes, {});
    const e = instance.exports as Record<string, Fn>;
    expect(e.multi()).toEqual([1, 2]);
    expect(e.simd()).toBe(3);
    expect(e.tail(9)).toBe(9);
    expect(e.signext(0xff)).toBe(-1);
    expect(e.sat(1e20)).toBe(0x7fffffff);
    expect(e.exn(17)).toBe(17);
  });

  it("keeps function names in a name section", async () => {
    const bytes = await compileOk(`(module (func $hello (export "f")))`);
    const module = await WebAssembly.compile(bytes);
    expect(WebAssembly.Module.customSections(module, "name")).toHaveLength(1);
  });

  it("places a syntax error at its line and column", async () => {
    const outcome = await errors(`(module
  (func (export "f") (result i32)
    i32.const 1
    i32.ad
  ))`);
    expect(outcome.diagnostics).toHaveLength(1);
    expect(outcome.diagnostics[0]).toMatchObject({
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 11,
      severity: "error",
    });
    expect(outcome.diagnostics[0].message).toMatch(/unexpected token i32\.ad/);
    expect(outcome.message).toMatch(/^Line 4, column 5: /);
  });

  it("places a type error found by validation", async () => {
    const outcome = await errors(`(module
  (func (export "f") (result i32)
    i64.const 1))`);
    expect(outcome.diagnostics[0]).toMatchObject({ line: 3, column: 5 });
    expect(outcome.diagnostics[0].message).toMatch(/type mismatch/);
  });

  it("places an undefined name", async () => {
    const outcome = await errors(`(module\n  (func (export "f")\n    call $missing))`);
    expect(outcome.diagnostics[0]).toMatchObject({ line: 3, column: 10 });
    expect(outcome.diagnostics[0].message).toMatch(/\$missing/);
  });

  it("reports every error, not only the first", async () => {
    const outcome = await errors(`(module\n  (func i32.bad)\n  (func i64.worse))`);
    expect(outcome.diagnostics.map((d) => d.line)).toEqual([2, 3]);
    expect(outcome.message).toMatch(/\(and 1 more\)$/);
  });

  it("counts columns in UTF-16 units after non-ASCII text, and keeps UTF-8 data intact", async () => {
    const source = `(module (data "héllo 👋") oops)`;
    const outcome = await errors(source);
    // wabt says byte column 30 (é is 2 UTF-8 bytes, the emoji 4); the editor counts UTF-16
    // units (é 1, the emoji 2), so "oops" is at column 27.
    const column = source.indexOf("oops") + 1;
    expect(column).toBe(27);
    expect(outcome.diagnostics[0]).toMatchObject({ line: 1, column, endColumn: column + 4 });

    const bytes = await compileOk(
      `(module (memory (export "m") 1) (data (i32.const 0) "héllo 👋"))`,
    );
    const { instance } = await WebAssembly.instantiate(bytes, {});
    const memory = instance.exports.m as WebAssembly.Memory;
    const text = new TextDecoder().decode(new Uint8Array(memory.buffer, 0, 11));
    expect(text).toBe("héllo 👋");
  });

  it("refuses threads, which the sandbox does not support", async () => {
    const outcome = await errors(`(module (memory 1 1 shared))`);
    expect(outcome.diagnostics[0].line).toBe(1);
  });

  it("refuses an oversized source without parsing it", async () => {
    const outcome = await errors(" ".repeat(MAX_WAT_SOURCE_CHARS + 1));
    expect(outcome.message).toMatch(/limit/);
    expect(outcome.diagnostics).toHaveLength(1);
  });

  it("survives source nested deeper than wabt's stack, then compiles the next", async () => {
    const n = 100_000;
    const outcome = await errors(`(module (func ${"(block ".repeat(n)}${")".repeat(n)}))`);
    expect(outcome.message).toMatch(/ran out of stack or memory/);
    expect(await run(`(module (func (export "f") (result i32) i32.const 8))`, "f")).toBe(8);
  });

  it("keeps working after an error", async () => {
    await errors("(module (func oops))");
    expect(await run(`(module (func (export "f") (result i32) i32.const 7))`, "f")).toBe(7);
  });
});
