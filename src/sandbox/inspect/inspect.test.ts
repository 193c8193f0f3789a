import { describe, expect, it } from "vitest";
import { wat } from "../testing/wat";
import { inspect } from "./inspect";
import type { ModuleInfo } from "./module-info";

async function info(source: string, names = false): Promise<ModuleInfo> {
  const result = inspect(await wat(source, { names }));
  if (!result.ok) throw new Error(result.message);
  return result.info;
}

describe("inspect: structure", () => {
  it("reads imports with full signatures, exports, memories, globals and tables", async () => {
    const i = await info(`(module
      (import "env" "log" (func $log (param i32 i32)))
      (import "env" "big" (func (param i64 f64) (result i32)))
      (import "env" "memory" (memory 1 4))
      (import "env" "g" (global (mut i64)))
      (table 2 10 funcref)
      (global i32 (i32.const 7))
      (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
      (func (export "main") (result i64) i64.const 1)
      (export "mem" (memory 0))
      (start $add2) (func $add2))`);
    expect(i.imports).toEqual([
      {
        module: "env",
        name: "log",
        kind: "function",
        signature: { params: ["i32", "i32"], results: [] },
      },
      {
        module: "env",
        name: "big",
        kind: "function",
        signature: { params: ["i64", "f64"], results: ["i32"] },
      },
      { module: "env", name: "memory", kind: "memory", limits: { initial: 1, maximum: 4 } },
      { module: "env", name: "g", kind: "global", type: "i64", mutable: true },
    ]);
    expect(i.exports).toEqual([
      {
        name: "add",
        kind: "function",
        index: 2,
        signature: { params: ["i32", "i32"], results: ["i32"] },
      },
      { name: "main", kind: "function", index: 3, signature: { params: [], results: ["i64"] } },
      { name: "mem", kind: "memory", index: 0 },
    ]);
    expect(i.tables).toEqual([{ elementType: "funcref", limits: { initial: 2, maximum: 10 } }]);
    expect(i.globals).toEqual([{ type: "i32", mutable: false }]);
    expect(i.functionCount).toBe(3);
    expect(i.hasStart).toBe(true);
    expect(i.features).toEqual(["reference-types"]); // funcref table
  });

  it("lists sections with offsets and sizes that tile the module, custom ones by name", async () => {
    const bytes = await wat(`(module (func $f (export "f")) (memory 1))`, { names: true });
    const result = inspect(bytes);
    if (!result.ok) throw new Error(result.message);
    const { sections } = result.info;
    expect(sections.map((s) => s.name)).toEqual([
      "type",
      "function",
      "memory",
      "export",
      "code",
      "custom:name",
    ]);
    expect(sections[0]!.offset).toBe(8);
    for (let k = 1; k < sections.length; k++) {
      expect(sections[k]!.offset).toBe(sections[k - 1]!.offset + sections[k - 1]!.size);
    }
    const last = sections.at(-1)!;
    expect(last.offset + last.size).toBe(bytes.length);
    expect(result.info.functionNames).toEqual({ 0: "f" });
  });

  it("reads memory flags: shared and memory64", async () => {
    const i = await info(`(module (memory 1 2 shared) (memory i64 3))`);
    expect(i.memories).toEqual([
      { initial: 1, maximum: 2, shared: true },
      { initial: 3, memory64: true },
    ]);
    expect(i.features).toEqual(["memory64", "multimemory", "threads"]);
  });
});

describe("inspect: features", () => {
  const cases: [string, string, string][] = [
    ["multivalue", "multivalue", `(module (func (result i32 i32) i32.const 1 i32.const 2))`],
    ["reference-types", "reference-types", `(module (func (param externref)))`],
    [
      "bulk-memory",
      "bulk-memory",
      `(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 1))))`,
    ],
    ["simd", "simd", `(module (func (result v128) v128.const i32x4 1 2 3 4))`],
    ["exceptions (tag section)", "exception-handling", `(module (tag $e (param i32)))`],
    ["tail calls", "tail-call", `(module (func $f (return_call $f)))`],
    [
      "sign extension",
      "sign-ext",
      `(module (func (param i32) (result i32) local.get 0 i32.extend8_s))`,
    ],
    [
      "saturating conversions",
      "nontrapping-float-to-int",
      `(module (func (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s))`,
    ],
    [
      "atomics",
      "threads",
      `(module (memory 1 1 shared) (func (result i32) i32.const 0 i32.atomic.load))`,
    ],
    ["data count", "bulk-memory", `(module (memory 1) (data "x") (func (data.drop 0)))`],
  ];
  for (const [label, feature, source] of cases) {
    it(`detects ${label}`, async () => {
      expect((await info(source)).features).toContain(feature);
    });
  }

  it("skips the code walk when asked, keeping everything else", async () => {
    const bytes = await wat(`(module (func (export "f") (result i32) i32.const 1 i32.extend8_s))`);
    const fast = inspect(bytes, { scanCode: false });
    expect(fast.ok && fast.info.features).toEqual([]);
    expect(fast.ok && fast.info.exports[0]!.name).toBe("f");
  });

  it("reads GC types, tag imports and exception opcodes without losing its place", () => {
    // Hand-assembled (wabt cannot write GC types): a struct, an array of packed i8, a function
    // taking (ref null $0), a tag import, and a body using try / throw / catch.
    const section = (id: number, content: number[]) => [id, content.length, ...content];
    const name = (text: string) => [text.length, ...new TextEncoder().encode(text)];
    const bytes = new Uint8Array([
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00,
      ...section(
        1,
        [4, 0x5f, 2, 0x7f, 0, 0x7c, 1, 0x5e, 0x78, 1, 0x60, 1, 0x63, 0, 1, 0x7f, 0x60, 1, 0x7f, 0],
      ),
      ...section(2, [1, ...name("env"), ...name("oops"), 0x04, 0x00, 3]),
      ...section(3, [1, 2]),
      ...section(7, [1, ...name("f"), 0x00, 0]),
      ...section(10, [1, 11, 0, 0x06, 0x7f, 0x41, 1, 0x08, 0, 0x07, 0, 0x0b, 0x0b]),
    ]);
    const result = inspect(bytes);
    if (!result.ok) throw new Error(result.message);
    const i = result.info;
    expect(i.imports[0]).toEqual({
      module: "env",
      name: "oops",
      kind: "tag",
      signature: { params: ["i32"], results: [] },
    });
    expect(i.exports[0]).toMatchObject({
      name: "f",
      index: 0,
      signature: { params: ["(ref null $0)"], results: ["i32"] },
    });
    expect(i.features).toEqual(["exception-handling", "gc"]);
  });

  it("walks past GC instructions through the shared opcode table (features after them count)", () => {
    const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, content: number[]) => [id, content.length, ...content];
    // (func) whose body is: array.len (0xfb 15), struct.get 0 1, i32.extend8_s, end
    const body = [0, 0xfb, 0x0f, 0xfb, 0x02, 0x00, 0x01, 0xc0, 0x0b];
    const bytes = new Uint8Array([
      ...header,
      ...section(1, [1, 0x60, 0, 0]),
      ...section(3, [1, 0]),
      ...section(10, [1, body.length, ...body]),
    ]);
    const result = inspect(bytes);
    if (!result.ok) throw new Error(result.message);
    expect(result.info.features).toEqual(["gc", "sign-ext"]);
  });

  it("reports no features for an MVP module", async () => {
    const i = await info(`(module (memory 1) (func (export "main") (result i32)
      (local i32) (block (loop (br_if 1 (i32.eqz (local.get 0))) (br 0))) i32.const 42))`);
    expect(i.features).toEqual([]);
  });
});

describe("inspect: hostile input", () => {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const bad: [string, number[], RegExp][] = [
    ["empty", [], /too short/],
    ["wrong magic", [1, 2, 3, 4, 1, 0, 0, 0], /\\0asm/],
    ["a component", [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00], /version/],
    ["section past the end", [...header, 1, 0x7f, 0], /runs past the end/],
    ["overlong LEB", [...header, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], /LEB128/],
    ["huge vector count", [...header, 1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f], /count/],
    ["unknown section", [...header, 0x42, 0], /unknown section/],
    ["name past the end", [...header, 0, 3, 0x20, 0x61, 0x62], /name length/],
    ["bad utf-8 name", [...header, 0, 2, 1, 0xff], /UTF-8/],
    ["export of missing function", [...header, 7, 5, 1, 1, 0x66, 0, 9], /missing function/],
  ];
  for (const [label, bytes, message] of bad) {
    it(`refuses ${label} with a message`, () => {
      const result = inspect(new Uint8Array(bytes));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    });
  }

  it("never throws on random bytes after a valid header", () => {
    let seed = 1;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) & 0xff;
    for (let trial = 0; trial < 2_000; trial++) {
      const body = Array.from({ length: 1 + (trial % 64) }, random);
      expect(() => inspect(new Uint8Array([...header, ...body]))).not.toThrow();
    }
  });

  it("tolerates a garbage name section, as V8 does", async () => {
    const bytes = await wat(`(module (func (export "f")))`);
    const garbage = new Uint8Array([0, 7, 4, 0x6e, 0x61, 0x6d, 0x65, 1, 0x7f]);
    const joined = new Uint8Array([...bytes, ...garbage]);
    expect(WebAssembly.validate(joined)).toBe(true);
    const result = inspect(joined);
    expect(result.ok).toBe(true);
  });
});
