// The lazy counter shape (abi.ts, lazyCounter): the same counts as the exact shape, with the
// global brought up to date only at calls, returns and exhaustion, and only in functions whose
// loops make no call, in modules without exception handling.
import { describe, expect, test } from "vitest";
import { FUEL_REMAINING_EXPORT, readFuel } from "./index";
import { AMPLE, instrumentOk, observe, wat } from "./test-helpers";

const LOOPS = `
  (memory 1)
  (func (export "countThenProbe") (param $n i32) (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (call $probe))
  (func (export "oob") (param $i i32)
    (loop $l
      (i32.store (local.get $i) (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l)))`;

const plain = await wat(`(module (import "env" "probe" (func $probe)) ${LOOPS})`);
const withTry = await wat(`(module (import "env" "probe" (func $probe)) ${LOOPS}
  (func (export "guarded") (try (do (call $probe)) (catch_all))))`);

/** Runs `entry`; `seen` is the count the probe import read from the global while it ran. */
async function run(bytes: Uint8Array, lazyCounter: boolean, entry: string, args: number[]) {
  const outcome = await instrumentOk(bytes, { ...AMPLE, lazyCounter });
  const fuelGlobal: { it?: WebAssembly.Global } = {};
  let seen: bigint | undefined;
  const probe = () => {
    if (fuelGlobal.it) seen = (AMPLE.maxFuel as bigint) - (fuelGlobal.it.value as bigint);
  };
  const { observed, instance } = await observe(outcome.bytes, entry, args, { env: { probe } });
  fuelGlobal.it = instance.exports[FUEL_REMAINING_EXPORT] as WebAssembly.Global;
  if (entry === "countThenProbe") {
    // observe() calls the entry before we hold the global: call it again now we do.
    (instance.exports[entry] as (n: number) => void)(args[0]);
  }
  return { observed, seen, fuel: readFuel(instance, outcome.fuelLimit) };
}

describe("lazy counter", () => {
  test("a host call after a loop sees the exact count", async () => {
    // entry: call = 1; loop: 8 per iteration
    const { seen, fuel } = await run(plain, true, "countThenProbe", [1000]);
    expect(fuel.consumed).toBe(2n * (1n + 8n * 1000n));
    expect(seen).toBe(2n * (1n + 8n * 1000n));
  });

  test("a trap in a loop leaves the count at the function's entry; the exact shape has it all", async () => {
    // 8 per iteration; stores at 65496 … 65532 succeed, the 11th iteration traps
    const lazy = await run(plain, true, "oob", [65_536 - 40]);
    const exact = await run(plain, false, "oob", [65_536 - 40]);
    expect(lazy.observed.trap).toMatch(/out of bounds/);
    expect(lazy.observed).toEqual(exact.observed);
    expect(exact.fuel).toEqual({ consumed: 88n, exhausted: false });
    expect(lazy.fuel).toEqual({ consumed: 0n, exhausted: false });
  });

  test("a module that catches exceptions keeps the exact shape everywhere", async () => {
    const { observed, fuel } = await run(withTry, true, "oob", [65_536 - 40]);
    expect(observed.trap).toMatch(/out of bounds/);
    expect(fuel).toEqual({ consumed: 88n, exhausted: false });
    expect((await instrumentOk(withTry, { ...AMPLE, lazyCounter: true })).lazyFunctions).toEqual(
      [],
    );
  });

  test("instrument() names the functions that keep a lazy count", async () => {
    // Function 0 is the import; both defined functions have a call-free loop.
    expect((await instrumentOk(plain, { ...AMPLE, lazyCounter: true })).lazyFunctions).toEqual([
      1, 2,
    ]);
    const loopWithCall = await wat(`(module (import "env" "probe" (func $probe)) ${LOOPS}
      (func (export "busy") (loop $l (call $probe) (br $l))))`);
    const lazy = await instrumentOk(loopWithCall, { ...AMPLE, lazyCounter: true });
    expect(lazy.lazyFunctions).toEqual([1, 2]);
    expect((await instrumentOk(plain, AMPLE)).lazyFunctions).toEqual([]);
  });

  test("exhaustion inside a lazy loop stores the counter before trapping", async () => {
    const outcome = await instrumentOk(plain, { ...AMPLE, maxFuel: 123n, lazyCounter: true });
    const { observed, instance } = await observe(outcome.bytes, "oob", [0], {
      env: { probe: () => {} },
    });
    expect(observed.trap).toMatch(/unreachable/);
    expect(readFuel(instance, 123n)).toEqual({ consumed: 123n, exhausted: true });
  });
});
