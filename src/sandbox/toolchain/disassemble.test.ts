import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWat } from "./compile-wat";
import { disassemble, truncateLines } from "./disassemble";

const ADD_WASM = new Uint8Array(
  readFileSync(new URL("../../../public/examples/add.wasm", import.meta.url)),
);

async function watBytes(source: string): Promise<Uint8Array> {
  const outcome = await compileWat(source);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.bytes;
}

async function text(bytes: Uint8Array): Promise<string> {
  const outcome = await disassemble(bytes);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.text;
}

describe("disassemble", () => {
  it("shows add.wasm as text", async () => {
    const wat = await text(ADD_WASM);
    expect(wat).toMatch(/^\(module/);
    expect(wat).toContain("(func");
    expect(wat).toContain('(export "add"');
    expect(wat).toContain("i32.add");
  });

  it("uses names from the name section, like wasm2wat", async () => {
    const wat = await text(
      await watBytes(`(module
  (func $double (export "double") (param $x i32) (result i32)
    (i32.add (local.get $x) (local.get $x))))`),
    );
    expect(wat).toContain("(func $double (type 0) (param $x i32) (result i32)");
    expect(wat).toContain("local.get $x");
  });

  it("round-trips: its text compiles back to the same code", async () => {
    const original = await watBytes(`(module
  (memory 1)
  (func $f (export "f") (param i32) (result i32 i32)
    local.get 0
    v128.const i32x4 1 2 3 4
    i32x4.extract_lane 1))`);
    const again = await watBytes(await text(original));
    expect(again).toEqual(original);
  });

  it("reads a view into a larger buffer correctly", async () => {
    const padded = new Uint8Array(ADD_WASM.length + 64);
    padded.set(ADD_WASM, 32);
    const view = padded.subarray(32, 32 + ADD_WASM.length);
    expect(await text(view)).toBe(await text(ADD_WASM));
  });

  it("says what is wrong with bytes that are not a module", async () => {
    const outcome = await disassemble(new TextEncoder().encode("hello, not wasm"));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/^Not a valid WebAssembly module: .*magic/);
  });

  it("cuts long text after maxLines, with a note", async () => {
    const funcs = Array.from({ length: 50 }, (_, i) => `(func $f${i} (result i32) i32.const ${i})`);
    const bytes = await watBytes(`(module ${funcs.join("\n")})`);
    const outcome = await disassemble(bytes, { maxLines: 20 });
    if (!outcome.ok) throw new Error(outcome.message);
    const lines = outcome.text.trimEnd().split("\n");
    expect(lines).toHaveLength(21);
    expect(lines[20]).toMatch(/^;; … [\d,]+ more lines? not shown \([\d,]+ in all\)$/);
  });

  it("refuses a module over maxModuleBytes before reading it", async () => {
    const outcome = await disassemble(ADD_WASM, { maxModuleBytes: 10 });
    expect(outcome).toEqual({
      ok: false,
      message: "The module is 65 B; disassembly is shown for modules up to 10 B.",
    });
  });
});

describe("truncateLines", () => {
  it("leaves text within the limit alone", () => {
    expect(truncateLines("a\nb\n", 2)).toBe("a\nb\n");
    expect(truncateLines("a\nb", 2)).toBe("a\nb");
    expect(truncateLines("", 2)).toBe("");
  });

  it("counts the lines it drops", () => {
    expect(truncateLines("a\nb\nc\nd\n", 1)).toBe("a\n;; … 3 more lines not shown (4 in all)\n");
    expect(truncateLines("a\nb\nc", 2)).toBe("a\nb\n;; … 1 more line not shown (3 in all)\n");
  });
});
