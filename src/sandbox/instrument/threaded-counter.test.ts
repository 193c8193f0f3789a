// The threaded counter (README.md, code shapes): in the lazy shape, direct-only functions take the fuel
// count as an extra parameter and return it as an extra result; a loop whose header reaches a
// call to one of them checks its charge when the call returns. Counts, results, host calls and
// the point of exhaustion as seen from outside must match the exact shape.
import { describe, expect, test } from "vitest";
import { wat as watWithNames } from "../testing/wat";
import { Reader } from "../wasm/reader";
import { rewriteModuleWithFacts } from "./pipeline";
import { AMPLE, bothShapes as both, instrumentOk, wat } from "./test-helpers";

const LAZY = { ...AMPLE, lazyCounter: true };

/** Function indices the lazy shape threads. */
function threaded(bytes: Uint8Array): number[] {
  return rewriteModuleWithFacts(bytes, LAZY, 10n ** 9n, "lazy").threadedFunctions;
}

const FIB = await wat(`(module
  (func $fib (param $n i32) (result i32) (local $acc i32)
    (if (i32.lt_s (local.get $n) (i32.const 2)) (then (return (local.get $n))))
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $fib (i32.sub (local.get $n) (i32.const 1)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 2)))
      (br_if $l (i32.ge_s (local.get $n) (i32.const 2))))
    (i32.add (local.get $acc) (local.get $n)))
  (func (export "run") (param i32) (result i32) (call $fib (local.get 0))))`);

describe("threaded counter", () => {
  test("a recursive direct-only function takes and returns the count", async () => {
    expect(threaded(FIB)).toEqual([0]);
    const out = rewriteModuleWithFacts(FIB, LAZY, 10n ** 9n, "lazy").bytes;
    const fib = (await WebAssembly.instantiate(out as Uint8Array<ArrayBuffer>)).instance.exports
      .run as (n: number) => number;
    expect(fib(20)).toBe(6765);
    // The exact shapes keep every function's type.
    expect(rewriteModuleWithFacts(FIB, AMPLE, 10n ** 9n, "cached").threadedFunctions).toEqual([]);
  });

  test("the loop's charge is checked on the count the recursive call returns", async () => {
    const out = rewriteModuleWithFacts(FIB, LAZY, 10n ** 9n, "lazy").bytes;
    const has = (seq: number[]) => out.some((_, i) => seq.every((b, k) => out[i + k] === b));
    // $fib's counter is local 1, after $n, its stack budget's bytes left local 2; $acc moved to
    // 3. The charge only subtracts:
    expect(has([0x7d, 0x21, 0x01, 0x20, 0x03])).toBe(true); // i64.sub local.set 1 local.get $acc
    // and the call is followed by the check: call 0, local.tee 1, i64.const 0, i64.lt_s, br_if
    expect(has([0x10, 0x00, 0x22, 0x01, 0x42, 0x00, 0x53, 0x0d])).toBe(true);
  });

  test("local names move with the locals", async () => {
    const source = `(module
      (func $add (param $a i32) (param $b i32) (result i32) (local $sum i32)
        (local.set $sum (i32.add (local.get $a) (local.get $b))) (local.get $sum))
      (func (export "run") (result i32) (call $add (i32.const 2) (i32.const 3))))`;
    const out = rewriteModuleWithFacts(
      await watWithNames(source, { names: true }),
      LAZY,
      10n ** 9n,
      "lazy",
    ).bytes;
    const module = new WebAssembly.Module(out as Uint8Array<ArrayBuffer>);
    const [section] = WebAssembly.Module.customSections(module, "name");
    // Subsection 2 (local names): function → [local index, name]
    const r = new Reader(new Uint8Array(section));
    const locals: Record<number, Record<number, string>> = {};
    while (!r.done) {
      const id = r.byte();
      const end = r.u32() + r.pos;
      if (id !== 2) {
        r.skip(end - r.pos);
        continue;
      }
      for (let funcs = r.u32(); funcs > 0; funcs--) {
        const func = r.u32();
        locals[func] = {};
        for (let n = r.u32(); n > 0; n--) locals[func][r.u32()] = r.name();
      }
    }
    expect(locals[0]).toEqual({ 0: "a", 1: "b", 4: "sum" }); // the counter is local 2, the budget 3
    const run = (await WebAssembly.instantiate(module)).exports.run as () => number;
    expect(run()).toBe(5);
  });

  test("the same fuel as the exact shape", async () => {
    for (const n of [0, 1, 2, 3, 10, 20]) {
      const { lazy, exact } = await both(FIB, "run", [n]);
      expect(lazy).toEqual(exact);
      expect(lazy.fuel.exhausted).toBe(false);
    }
  });

  test("every budget around the cost: exhausted exactly when the exact shape is", async () => {
    const { exact: full } = await both(FIB, "run", [7]);
    const cost = full.fuel.consumed;
    for (let budget = 0n; budget <= cost + 2n; budget++) {
      const { lazy, exact } = await both(FIB, "run", [7], budget);
      expect(lazy, `budget ${budget}`).toEqual(exact);
      expect(lazy.fuel.exhausted).toBe(budget < cost);
    }
  });

  test("a threaded function entered past the budget checks before calling the host", async () => {
    // The charge of $each's loop is checked only when $emit returns; $emit must not log for
    // an iteration the exact shape never starts.
    const m = await wat(`(module
      (import "env" "log" (func $log (param i32)))
      (func $emit (param $i i32) (call $log (local.get $i)))
      (func $each (param $n i32) (local $i i32)
        (loop $l
          (call $emit (local.get $i))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
      (func (export "run") (param $n i32) (call $each (local.get $n))))`);
    expect(threaded(m)).toEqual([1, 2]);
    const { exact: full } = await both(m, "run", [5]);
    for (let budget = 0n; budget <= full.fuel.consumed; budget++) {
      const { lazy, exact } = await both(m, "run", [5], budget);
      expect(lazy, `budget ${budget}`).toEqual(exact);
    }
  });

  test("locals move up by one, also past a one-byte index, in counted loops too", async () => {
    // 130 declared locals: index 127 becomes 128, a two-byte LEB.
    const decls = Array.from({ length: 130 }, (_, i) => `(local $v${i} i32)`).join(" ");
    const m = await wat(`(module
      (func $sum (param $n i32) (result i32) ${decls}
        (local.set $v127 (i32.const 0))
        (local.set $v0 (i32.const 0))
        (loop $l
          (local.set $v127 (i32.add (local.get $v127) (local.get $v0)))
          (br_if $l (i32.lt_u (local.tee $v0 (i32.add (local.get $v0) (i32.const 1)))
                              (local.get $n))))
        (local.get $v127))
      (func (export "run") (param i32) (result i32) (call $sum (local.get 0))))`);
    expect(threaded(m)).toEqual([0]);
    expect(rewriteModuleWithFacts(m, LAZY, 10n ** 9n, "lazy").countedLoops).toBe(1);
    for (const n of [1, 2, 100]) {
      const { lazy, exact } = await both(m, "run", [n]);
      expect(lazy).toEqual(exact);
      expect(lazy.value).toBe((n * (n - 1)) / 2);
    }
  });

  test("multiple results and i64 params", async () => {
    const m = await wat(`(module
      (func $divmod (param $a i64) (param $b i64) (result i64 i64)
        (i64.div_u (local.get $a) (local.get $b)) (i64.rem_u (local.get $a) (local.get $b)))
      (func $pair (result i32 i32) (i32.const 6) (i32.const 7))
      (func (export "run") (param $a i64) (result i64)
        (call $divmod (local.get $a) (i64.const 10))
        (i64.add)
        (call $pair)
        (i32.mul)
        (i64.extend_i32_u)
        (i64.add)))`);
    // $divmod has two results and params: no block type carries them, so it is not threaded.
    expect(threaded(m)).toEqual([1]);
    const { lazy, exact } = await both(m, "run", [1234n]);
    expect(lazy).toEqual(exact);
    expect(lazy.value).toBe(123n + 4n + 42n);
  });

  test("tail calls keep their types: neither the caller nor the callee is threaded", async () => {
    const m = await wat(`(module
      (func $count (param $n i32) (result i32)
        (if (result i32) (i32.eqz (local.get $n))
          (then (i32.const 0))
          (else (return_call $count (i32.sub (local.get $n) (i32.const 1))))))
      (func $plain (param $n i32) (result i32) (call $count (local.get $n)))
      (func (export "run") (param i32) (result i32) (call $plain (local.get 0))))`);
    expect(threaded(m)).toEqual([1]);
    const { lazy, exact } = await both(m, "run", [1000]);
    expect(lazy).toEqual(exact);
  });

  test("a trap raised in a threaded function is one the sandbox recounts", async () => {
    const m = await wat(`(module (memory 1)
      (func $poke (param $at i32) (i32.store (local.get $at) (i32.const 1)))
      (func (export "run") (param $at i32)
        (loop $l
          (call $poke (local.get $at))
          (local.set $at (i32.add (local.get $at) (i32.const 4)))
          (br $l))))`);
    const outcome = await instrumentOk(m, LAZY);
    expect(outcome.threadedFunctions).toEqual([0]);
    expect(outcome.lazyFunctions).toContain(0);
  });
});
