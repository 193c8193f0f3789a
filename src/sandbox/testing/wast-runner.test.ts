import { describe, expect, it } from "vitest";
import { instrument } from "../instrument";
import { wat } from "./wat";
import { runWastScript } from "./wast-runner";
import type { WastCommand, WastScript } from "./wast-script";

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

const provider = await wat(`(module
  (global (export "g") i32 (i32.const 42))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "wide") (result i64) (i64.const -1))
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "half") (result f64) (f64.const 0.5))
  (func (export "pair") (result i32 i64) (i32.const 1) (i64.const 2))
  (func (export "boom") (unreachable))
  (func $deep (export "deep") (call $deep)))`);
const consumer = await wat(`(module
  (import "lib" "add" (func $add (param i32 i32) (result i32)))
  (func (export "twice") (param i32) (result i32) (call $add (local.get 0) (local.get 0))))`);
const needsMissing = await wat(`(module (import "nowhere" "f" (func)))`);
const trapsAtStart = await wat(`(module (func $s unreachable) (start $s))`);
// A valid header followed by a function section that names a type the module lacks.
const invalid = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 3, 2, 1, 0]);

const i32 = (value: number) => ({ type: "i32" as const, value });
const invoke = (name: string, args = [i32(2), i32(3)], module?: string) => ({
  kind: "invoke" as const,
  name,
  args,
  module,
});

function script(commands: WastCommand[]): WastScript {
  const modules = [provider, consumer, needsMissing, trapsAtStart, invalid].map(base64);
  return { file: "unit.wast", proposal: "unit", commands, modules };
}

const suite: WastCommand[] = [
  { line: 1, type: "module", name: "$P", definition: false, module: 0 },
  { line: 2, type: "assert_return", action: invoke("add"), expected: [i32(5)] },
  { line: 3, type: "assert_return", action: invoke("add"), expected: [i32(6)] },
  {
    line: 4,
    type: "assert_return",
    action: invoke("wide", []),
    expected: [{ type: "i64", value: "-1" }],
  },
  {
    line: 5,
    type: "assert_return",
    action: invoke("nan", []),
    expected: [{ type: "f32", nan: "canonical" }],
  },
  {
    line: 6,
    type: "assert_return",
    action: invoke("half", []),
    expected: [{ type: "f64", bits: "4602678819172646912" }],
  },
  {
    line: 7,
    type: "assert_return",
    action: invoke("pair", []),
    expected: [i32(1), { type: "i64", value: "2" }],
  },
  { line: 8, type: "assert_return", action: { kind: "get", name: "g" }, expected: [i32(42)] },
  { line: 9, type: "assert_trap", action: invoke("boom", []) },
  { line: 10, type: "assert_trap", action: invoke("add") },
  { line: 11, type: "assert_exhaustion", action: invoke("deep", []) },
  { line: 12, type: "register", as: "lib", name: "$P" },
  { line: 13, type: "module", definition: false, module: 1 },
  { line: 14, type: "assert_return", action: invoke("twice", [i32(21)]), expected: [i32(42)] },
  { line: 15, type: "assert_unlinkable", module: 2 },
  { line: 16, type: "assert_trap_instantiate", module: 3 },
  { line: 17, type: "assert_invalid", module: 4 },
  { line: 18, type: "assert_invalid", module: 0 },
  {
    line: 19,
    type: "assert_return",
    action: invoke("add", [], "$P"),
    expected: [{ type: "v128" }],
  },
  { line: 20, type: "unconverted", reason: "unknown command thread" },
];

const simd = await wat(`(module
  (func (export "lanes") (param i32) (result v128) (i32x4.splat (local.get 0))))`);
/** The converter's shape of a v128 check: import the function, call it, compare in wasm. */
const simdCheck = (lane: number) =>
  wat(`(module
    (import "spec_under_test" "f" (func $f (param i32) (result v128)))
    (func (export "check") (result i32)
      (i8x16.all_true (i8x16.eq (call $f (i32.const 7)) (v128.const i32x4 ${lane} 7 7 7)))))`);

describe("runWastScript", () => {
  it("checks each kind of assertion, passing what holds and failing what does not", async () => {
    const results = await runWastScript(script(suite));
    const outcome = Object.fromEntries(results.map((r) => [r.line, r.outcome]));
    expect(outcome).toEqual({
      ...Object.fromEntries(suite.map((c) => [c.line, "pass"])),
      3: "fail", // add(2, 3) is not 6
      10: "fail", // add returns, it does not trap
      18: "fail", // a valid module under assert_invalid
      19: "not_run",
      20: "not_run",
    });
    expect(results.find((r) => r.line === 3)?.detail).toContain("got 5");
  });

  it("checks a v128 result inside wasm, through the script's checking module", async () => {
    const modules = [simd, await simdCheck(7), await simdCheck(8)].map(base64);
    const check = (line: number, wrapper: number): WastCommand => ({
      line,
      type: "assert_return_in_wasm",
      action: { kind: "invoke", name: "lanes" },
      wrapper,
    });
    const commands: WastCommand[] = [
      { line: 1, type: "module", definition: false, module: 0 },
      check(2, 1),
      check(3, 2),
    ];
    const results = await runWastScript({ file: "simd.wast", proposal: "unit", commands, modules });
    expect(results.map((r) => r.outcome)).toEqual(["pass", "pass", "fail"]);
  });

  it("reports a module the preparation refused, and every assertion that needed it", async () => {
    const results = await runWastScript(script(suite.slice(0, 3)), async () => ({
      ok: false,
      message: "refused: the fuel pass does not support it",
    }));
    expect(results.map((r) => r.outcome)).toEqual(["refused", "refused", "refused"]);
  });

  it("fails an assertion when the prepared module behaves differently", async () => {
    const altered = await wat(`(module
      (func (export "add") (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1))))`);
    const results = await runWastScript(script(suite.slice(0, 2)), async () => ({
      ok: true,
      bytes: altered,
    }));
    expect(results.map((r) => r.outcome)).toEqual(["pass", "fail"]);
  });

  it("gives the same outcomes through instrument() as on the original modules", async () => {
    const runnable = suite.filter((c) => c.line !== 11); // stack depth differs when metered
    const original = await runWastScript(script(runnable));
    const metered = await runWastScript(script(runnable), async (bytes) => {
      const outcome = await instrument(bytes, { maxMemoryBytes: 2 ** 32, maxFuel: 2n ** 62n });
      return outcome.ok
        ? { ok: true, bytes: outcome.bytes as Uint8Array<ArrayBuffer> }
        : { ok: false, message: outcome.message };
    });
    expect(metered.map((r) => r.outcome)).toEqual(original.map((r) => r.outcome));
  });
});
