// The counter shapes of the fuel pass (global only, scratch local, cached local) are a speed
// choice: they must count exactly the same fuel, also when the run ends in a trap or when an
// exception unwinds a function that kept the counter in a local.
import { describe, expect, test } from "vitest";
import { readFuel, rewriteModule } from "./index";
import { observe, wat } from "./test-helpers";

const bytes = await wat(`(module
  (memory 1)
  (tag $e)
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "calls") (param $n i32) (result i32) (local $i i32)
    (loop $l
      (local.set $i (call $inc (local.get $i)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func (export "oob") (param $i i32)
    (loop $l
      (i32.store (local.get $i) (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l)))
  (func $thrower (param i32) (if (i32.gt_u (local.get 0) (i32.const 5)) (then (throw $e))))
  (func $looper (local $i i32)
    (loop $l
      (call $thrower (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
  (func (export "eh") (result i32)
    (try (result i32) (do (call $looper) (i32.const 0)) (catch $e (i32.const 1)))))`);

const MODES = ["global", "scratch", "cached"] as const;

async function fuelIn(mode: (typeof MODES)[number], entry: string, args: unknown[]) {
  const out = rewriteModule(
    bytes,
    { maxMemoryBytes: 1 << 20, maxFuel: 1_000_000n },
    undefined,
    mode,
  );
  const { observed, instance } = await observe(out, entry, args);
  return { observed, fuel: readFuel(instance, 1_000_000n) };
}

describe.each(MODES)("counter shape %s", (mode) => {
  test("calls inside a loop: the copy is reloaded after each call", async () => {
    // loop: local.get, call, local.set, local.get, local.get, lt_u, br_if = 7; $inc = 3; tail 1
    const { observed, fuel } = await fuelIn(mode, "calls", [50]);
    expect(observed.value).toBe(50);
    expect(fuel).toEqual({ consumed: 50n * (7n + 3n) + 1n, exhausted: false });
  });

  test("a trap inside a loop leaves the exact count in the global", async () => {
    // 8 per iteration; stores at 65496 … 65532 succeed, the 11th iteration traps
    const { observed, fuel } = await fuelIn(mode, "oob", [65_536 - 40]);
    expect(observed.trap).toMatch(/out of bounds/);
    expect(fuel).toEqual({ consumed: 88n, exhausted: false });
  });

  test("an exception unwinding a looping function is counted exactly", async () => {
    // eh: call, i32.const, i32.const = 3; $looper 7 iterations of 7; $thrower 7 calls of 5
    const { observed, fuel } = await fuelIn(mode, "eh", []);
    expect(observed.value).toBe(1);
    expect(fuel).toEqual({ consumed: 3n + 49n + 35n, exhausted: false });
  });

  test("exhaustion in the middle of a looping function", async () => {
    const out = rewriteModule(bytes, { maxMemoryBytes: 1 << 20, maxFuel: 123n }, undefined, mode);
    const { observed, instance } = await observe(out, "calls", [1000]);
    expect(observed.trap).toMatch(/unreachable/);
    expect(readFuel(instance, 123n)).toEqual({ consumed: 123n, exhausted: true });
  });
});
