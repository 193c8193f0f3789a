// Every feature V8 ships passes through the passes and still validates; what the passes do not
// support is refused by name; invalid input is refused with V8's own reason.
import v8 from "node:v8";
import { describe, expect, test } from "vitest";
import { Reader } from "../wasm/reader";
import { RefusedError } from "./bytes";
import { instrument, rewriteModule } from "./index";
import { skipInstruction } from "./opcodes";
import { newInstr } from "../wasm/decode";
import { AMPLE, cliTools, instrumentOk, observe, validateCli, wat, watCli } from "./test-helpers";

// Node 20's V8 has these behind flags (Chromium 156 ships them); the flags only add features.
v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
v8.setFlagsFromString("--experimental-wasm-extended-const");
v8.setFlagsFromString("--experimental-wasm-memory64");

const FEATURES: Record<string, [string, string, unknown[], unknown]> = {
  "bulk memory": [
    `(memory 1) (func (export "f") (result i32)
       (memory.fill (i32.const 0) (i32.const 9) (i32.const 10))
       (memory.copy (i32.const 20) (i32.const 0) (i32.const 10)) (i32.load8_u (i32.const 29)))`,
    "f", [], 9,
  ],
  "reference types": [
    `(table $t 2 externref) (func (export "f") (param externref) (result externref)
       (table.set $t (i32.const 1) (local.get 0))
       (drop (table.grow $t (ref.null extern) (i32.const 3)))
       (table.fill $t (i32.const 2) (local.get 0) (i32.const 3)) (table.get $t (i32.const 4)))`,
    "f", ["x"], "x",
  ],
  "multi-value": [
    `(func $pair (result i32 i64) (i32.const 1) (i64.const 2))
     (func (export "f") (result i32 i64) (call $pair) (i64.const 5) (i64.add))`,
    "f", [], [1, 7n],
  ],
  SIMD: [
    `(func (export "f") (result i32) (i8x16.extract_lane_u 15
       (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (v128.const i8x16 7 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) (v128.const i64x2 0 0))))`,
    "f", [], 7,
  ],
  "sign extension": [`(func (export "f") (result i32) (i32.extend16_s (i32.const 0x8000)))`, "f", [], -32768],
  "saturating conversions": [
    `(func (export "f") (result i64) (i64.trunc_sat_f32_u (f32.const -5)))`, "f", [], 0n,
  ],
  "tail calls": [
    `(func $id (param i32) (result i32) (local.get 0))
     (func (export "f") (result i32) (return_call $id (i32.const 3)))`,
    "f", [], 3,
  ],
  "exceptions (legacy)": [
    `(tag $e (param i32)) (func (export "f") (result i32)
       (try (result i32) (do (throw $e (i32.const 4))) (catch $e) (catch_all (i32.const 0))))`,
    "f", [], 4,
  ],
  "relaxed SIMD": [
    `(func (export "f") (result i32) (i32x4.extract_lane 0
       (i32x4.relaxed_laneselect (v128.const i32x4 1 1 1 1) (v128.const i32x4 2 2 2 2) (v128.const i32x4 -1 -1 -1 -1))))`,
    "f", [], 1,
  ],
}; // prettier-ignore

describe("features pass through", () => {
  test.each(Object.entries(FEATURES))("%s", async (_name, [body, entry, args, expected]) => {
    const original = await wat(`(module ${body})`);
    expect(WebAssembly.validate(original)).toBe(true);
    const outcome = await instrumentOk(original);
    expect(WebAssembly.validate(outcome.bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    const a = await observe(original, entry, args);
    const b = await observe(outcome.bytes, entry, args);
    expect(a.observed.value).toEqual(expected);
    expect(b.observed).toEqual(a.observed);
  });

  // wabt's npm build lacks these; Debian's wat2wasm has them.
  test.skipIf(!cliTools)("threads and extended constants", async () => {
    const original = watCli(`(module (memory 1 1 shared)
      (global (export "g") i32 (i32.add (i32.const 40) (i32.const 2)))
      (func (export "f") (result i32)
        (atomic.fence) (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 6)))
        (i32.atomic.load (i32.const 0))))`);
    const outcome = await instrumentOk(original);
    const a = await observe(original, "f");
    const b = await observe(outcome.bytes, "f");
    expect(a.observed).toMatchObject({ value: 6, globals: { g: 42 } });
    expect(b.observed).toEqual(a.observed);
  });

  test.skipIf(!cliTools)(
    "multi-memory (Chromium only): grows checked against the total of all memories, output validates",
    async () => {
      const src = `(module (memory $a 1) (memory $b 2 100)
      (func (export "f") (result i32)
        (memory.fill $b (i32.const 0) (i32.const 1) (i32.const 8))
        (drop (memory.grow $b (i32.const 1))) (i32.load8_u $b (i32.const 3))))`;
      const out = rewriteModule(watCli(src), { maxMemoryBytes: 10 * 65_536, maxFuel: 100n });
      const text = validateCli(out);
      expect(text).toContain("(memory (;1;) 2 10)");
      expect(text).toMatch(/memory.size 1\b/);
    },
  );
});

describe("refusals", () => {
  test("invalid bytes: invalid_module with V8's reason", async () => {
    const garbage = await instrument(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), AMPLE);
    expect(garbage).toMatchObject({ ok: false, kind: "invalid_module" });
    if (!garbage.ok) expect(garbage.message).toMatch(/expected version/);
    const valid = await wat(`(module (func (export "f") (result i32) (i32.const 1)))`);
    const truncated = await instrument(valid.subarray(0, valid.length - 3), AMPLE);
    expect(truncated).toMatchObject({ ok: false, kind: "invalid_module" });
    if (!truncated.ok) expect(truncated.message).toMatch(/^not a valid WebAssembly module: .+/);
  });

  test("memory64 runs under the same cap (memory64.test.ts has the rest)", async () => {
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0x04, 1]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const outcome = await instrumentOk(bytes, AMPLE);
    expect(WebAssembly.validate(outcome.bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(await instrument(bytes, { ...AMPLE, maxMemoryBytes: 0 })).toMatchObject({
      ok: false,
      kind: "memory_limit",
    });
    // Custom page sizes (flag 0x08) are still refused by name.
    const custom = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 4, 1, 0x08, 1, 0]);
    const refused = await instrument(custom, AMPLE);
    expect(refused).toMatchObject({ ok: false, kind: "invalid_module" });
  });

  test("a module exporting a reserved name is refused (it could fake the fuel counter)", async () => {
    const bytes = await wat(
      `(module (global (export "__sandbox_fuel_remaining") (mut i64) (i64.const 9)))`,
    );
    const outcome = await instrument(bytes, AMPLE);
    expect(outcome).toMatchObject({ ok: false, kind: "invalid_module" });
  });

  test.each([
    [[0xfb, 0x40], /GC instruction 0xfb 64/],
    [[0xfd, 0xa0, 0x02], /SIMD instruction 0xfd 288/],
    [[0xfc, 0x13], /instruction 0xfc 19/],
    [[0xe3, 0x00], /stack-switching/],
    [[0xfe, 0x05], /atomic instruction 0xfe 5/],
  ])("unknown instructions are refused by name: %j", (code, message) => {
    const run = () => skipInstruction(new Reader(new Uint8Array(code)), newInstr());
    expect(run).toThrow(RefusedError);
    expect(run).toThrow(message);
  });

  test("a function at V8's locals limit cannot take the counter's local: refused, not broken", async () => {
    const body = [1, 0xd0, 0x86, 0x03, 0x7f, 0x01, 0x0b]; // 50,000 i32 locals; nop
    // exported as "f" (a function only called directly would have its callers pay its charge)
    const bytes = new Uint8Array([
      0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 0x66, 0, 0,
      10, body.length + 2, 1, body.length, ...body,
    ]); // prettier-ignore
    expect(WebAssembly.validate(bytes)).toBe(true);
    const outcome = await instrument(bytes, AMPLE);
    expect(outcome).toMatchObject({ ok: false, kind: "invalid_module" });
    if (!outcome.ok) expect(outcome.message).toMatch(/function 0 is too big to meter/);
    expect((await instrument(bytes, { ...AMPLE, meter: false })).ok).toBe(true);
  });

  test("hostile nesting: 100,000 nested blocks are instrumented without recursion", async () => {
    const depth = 100_000;
    const body = [...Array(depth).fill([0x02, 0x40]).flat(), ...Array(depth).fill(0x0b), 0x0b];
    const size = [0x80 | (body.length + 1) % 128, 0x80 | ((body.length + 1) >> 7) % 128, (body.length + 1) >> 14]; // prettier-ignore
    const code = [1, ...size, 0, ...body];
    const codeLen = [0x80 | code.length % 128, 0x80 | (code.length >> 7) % 128, code.length >> 14]; // prettier-ignore
    const bytes = new Uint8Array([
      0,
      0x61,
      0x73,
      0x6d,
      1,
      0,
      0,
      0,
      1,
      4,
      1,
      0x60,
      0,
      0,
      3,
      2,
      1,
      0,
      7,
      5,
      1,
      1,
      0x66,
      0,
      0,
      10,
      ...codeLen,
      ...code,
    ]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const outcome = await instrumentOk(bytes);
    const { observed } = await observe(outcome.bytes, "f");
    expect(observed.trap).toBeUndefined();
  });
});
