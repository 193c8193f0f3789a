// The stack budget (stack-budget.ts): a deep recursion ends at the same depth, with the same
// fuel, in every counter shape, at every native stack size; caught exceptions give back the
// weight of the frames they unwound.
import { Worker } from "node:worker_threads";
import { describe, expect, test } from "vitest";
import { FLAG_STACK_BUDGET } from "./abi";
import { rewriteModule } from "./pipeline";
import { readFuel } from "./read-abi";
import type { FuelCounterShape } from "./counter-shape";
import { FRAME_FIXED_BYTES } from "./stack-budget";
import { AMPLE, instrumentOk, observe, wat } from "./test-helpers";

// The catalogue's stack-overflow example, and a direct-only helper in the recursion (its entry
// is paid by its caller in the cached and lazy shapes; threaded in the lazy one).
const DOWN = await wat(`(module
  (func $down (export "main") (param $depth i32) (result i32)
    (i32.add (call $down (call $step (local.get $depth))) (i32.const 1)))
  (func $step (param i32) (result i32) (local i64 i64)
    (call $leafy (i32.add (local.get 0) (i32.const 1))))
  (func $leafy (param i32) (result i32) (local.get 0)))`);

const SHAPES: FuelCounterShape[] = ["global", "scratch", "cached", "lazy"];
const LIMITS = { ...AMPLE, maxStackBytes: 64 * 1024, lazyCounter: true };

/** Runs `main(0)` instrumented in `shape`: how it ended, the fuel and the flags. */
async function overflow(shape: FuelCounterShape, maxStackBytes = LIMITS.maxStackBytes) {
  const bytes = rewriteModule(DOWN, { ...LIMITS, maxStackBytes }, undefined, shape);
  const { observed, instance } = await observe(bytes, "main", [0]);
  const flags = Number((instance.exports.__sandbox_grow_refused as WebAssembly.Global).value);
  return { trap: observed.trap, fuel: readFuel(instance, LIMITS.maxFuel as bigint), flags };
}

describe("the stack budget", () => {
  test("ends a deep recursion with the flag, at the same fuel in every counter shape", async () => {
    const runs = await Promise.all(SHAPES.map((shape) => overflow(shape)));
    for (const run of runs) {
      expect(run.trap).toMatch(/unreachable/);
      expect(run.flags & FLAG_STACK_BUDGET).toBe(FLAG_STACK_BUDGET);
      expect(run.fuel).toEqual(runs[0].fuel);
    }
    // $down weighs the fixed part and one i32 (104 bytes) and stays on the stack; $step (two
    // i64 more: 120) returns before $down recurses; $leafy, a light leaf, is not budgeted.
    // Entering $down the i-th time leaves 65,536 - 104 (i + 1): the 630th leaves 16, and the
    // $step it calls does not fit. Fuel: 630 × $down's entry (5), 629 × $step (4) + $leafy
    // (1), and the entry charge of the $step that did not fit (4).
    const downs = Math.floor((64 * 1024) / (FRAME_FIXED_BYTES + 8));
    expect(downs).toBe(630);
    expect(runs[0].fuel.consumed).toBe(BigInt(downs * 5 + (downs - 1) * 5 + 4));
  });

  test("a threaded function that calls out leaves its caller's budget as it was", async () => {
    // $out is threaded in the lazy shape (its budget a parameter) and calls $nop, which is in
    // a table and so reads the global: $out writes its own bytes left there first. $down, not
    // threaded, sets the global back after $out returns; without that, each level would lose
    // $out's weight and the recursion would end about half as deep as in the other shapes.
    const bytes = await wat(`(module
      (table 1 funcref) (elem (i32.const 0) $nop)
      (func $nop)
      (func $out (call_indirect (i32.const 0)))
      (func $down (export "main") (param $depth i32) (result i32)
        (call $out)
        (i32.add (call $down (local.get $depth)) (i32.const 1))))`);
    const runs = await Promise.all(
      SHAPES.map(async (shape) => {
        const out = rewriteModule(bytes, LIMITS, undefined, shape);
        const { observed, instance } = await observe(out, "main", [0]);
        return { trap: observed.trap, fuel: readFuel(instance, LIMITS.maxFuel as bigint) };
      }),
    );
    for (const run of runs) {
      expect(run.trap).toMatch(/unreachable/);
      expect(run.fuel).toEqual(runs[0].fuel);
    }
  });

  test("a bigger budget goes deeper", async () => {
    const small = await overflow("global", 32 * 1024);
    const big = await overflow("global", 128 * 1024);
    expect(big.fuel.consumed).toBeGreaterThan(3n * small.fuel.consumed);
  });

  // Each round recurses `depth` deep, throws from the bottom and catches at the top; without
  // the restore at the landing the unwound frames' weight would be lost round after round.
  const THROWING = (catcher: string) => `(module
    (tag $up)
    (func $dive (param $n i32) (local i64 i64 i64 i64)
      (if (i32.eqz (local.get $n)) (then (throw $up)))
      (call $dive (i32.sub (local.get $n) (i32.const 1))))
    (func (export "rounds") (param $rounds i32) (param $depth i32) (result i32)
      (local $i i32)
      (loop $next
        ${catcher}
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $rounds))))
      (local.get $i)))`;
  async function roundsAfterCatching(catcher: string) {
    const bytes = await wat(THROWING(catcher));
    // $dive weighs 96 + 8 + 4 × 8 = 136 bytes: 400 deep is 54,400 of the 64 KiB.
    const one = await instrumentOk(bytes, { ...LIMITS, lazyCounter: false });
    const run = await observe(one.bytes, "rounds", [50, 400]);
    expect(run.observed.trap).toBeUndefined();
    expect(run.observed.value).toBe(50);
    // One round 500 deep does not fit: the budget is still there to end it.
    const deep = await observe(one.bytes, "rounds", [1, 500]);
    expect(deep.observed.trap).toMatch(/unreachable/);
  }

  test("a caught exception gives back the unwound frames' weight (legacy try/catch_all)", () =>
    roundsAfterCatching(`(try (do (call $dive (local.get $depth))) (catch_all))`));

  // try_table (exnref) runs in Node 24 and Chromium, not in Node 20's V8.
  const tryTableRuns = WebAssembly.validate(
    new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 31, 64, 0, 11, 11]), // prettier-ignore
  );
  test.skipIf(!tryTableRuns)(
    "a caught exception gives back the unwound frames' weight (try_table)",
    () =>
      roundsAfterCatching(
        `(block $landed (try_table (catch_all $landed) (call $dive (local.get $depth))))`,
      ),
  );

  test("the fuel at the budget's end is the same whatever the thread's native stack", async () => {
    const bytes = rewriteModule(DOWN, { ...LIMITS, maxStackBytes: 512 * 1024 }, undefined, "lazy");
    const atStack = (stackSizeMb: number) =>
      new Promise<string>((resolve, reject) => {
        const worker = new Worker(
          `const { workerData, parentPort } = require("node:worker_threads");
          const instance = new WebAssembly.Instance(new WebAssembly.Module(workerData));
          let ended;
          try { instance.exports.main(0); ended = "returned"; } catch (e) { ended = e.message; }
          const fuel = instance.exports.__sandbox_fuel_remaining.value;
          const flags = instance.exports.__sandbox_grow_refused.value;
          parentPort.postMessage(ended + " | fuel left " + fuel + " | flags " + flags);`,
          { eval: true, workerData: bytes, resourceLimits: { stackSizeMb } },
        );
        worker.once("message", resolve);
        worker.once("error", reject);
      });
    const small = await atStack(1);
    const big = await atStack(8);
    expect(small).toMatch(/unreachable.* flags 16$/);
    expect(big).toBe(small);
  });

  test("a multi-value function with parameters keeps its branches to its label and returns", async () => {
    // No block type says (i32 i32) without parameters: the wrapping block takes the function's
    // own type, its parameter passed in and stored back.
    const bytes = await wat(`(module
      (func $pair (param $n i32) (result i32 i32)
        (if (i32.eqz (local.get $n)) (then (br 1 (i32.const 7) (i32.const 8))))
        (if (i32.eq (local.get $n) (i32.const 1)) (then (return (i32.const 1) (i32.const 2))))
        (call $pair (i32.sub (local.get $n) (i32.const 1))))
      (func (export "main") (param i32) (result i32)
        (call $pair (local.get 0)) (i32.add)))`);
    for (const shape of SHAPES) {
      const out = rewriteModule(bytes, LIMITS, undefined, shape);
      for (const [n, sum] of [
        [0, 15],
        [1, 3],
        [5, 3],
        [6, 3],
      ]) {
        expect((await observe(out, "main", [n])).observed.value, `${shape} ${n}`).toBe(sum);
      }
      // Returned frames gave their weight back: a run 400 deep (104 bytes each) twice still fits.
      const { instance } = await observe(out, "main", [400]);
      expect((instance.exports.main as (n: number) => number)(400)).toBe(3);
    }
  });
});
