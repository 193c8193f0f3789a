// The code shapes of the fuel pass that are pure speed choices (fuel-pass.ts): the cold exit
// block the checks branch to, and the deferred entry charge of functions that keep the counter
// in a local. Neither may change a count, a trap or the point of exhaustion, so each case is
// checked against the hand-computed cost model and against the "global" shape, which has neither.
import { describe, expect, test } from "vitest";
import { readFuel, rewriteModule } from "./index";
import { observe, wat } from "./test-helpers";

const bytes = await wat(`(module
  (memory (export "mem") 1)
  (func $g)
  ;; entry region (outside the loop): 5 (if … return) + 3 (store) + 3 (load) + 1 (tail) = 12
  ;; loop: 8 per iteration
  (func (export "f") (param $n i32) (param $addr i32) (result i32) (local $i i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const -1))))
    (i32.store (i32.const 0) (i32.const 7))
    (drop (i32.load (local.get $addr)))
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func (export "merge") (param $c i32) (result i32) (local $i i32)
    (if (local.get $c) (then (call $g)))
    (block $b (br_if $b (local.get $c)) (i32.store (i32.const 4) (i32.const 9)))
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 3))))
    (local.get $i))
  ;; two results and params: no block type carries them, the checks stay inline
  (func (export "pair") (param $n i32) (result i32 i32) (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i) (local.get $n))
  ;; two results, no params: the function's own type is the block type
  (func (export "pair0") (result i64 f64)
    (i64.const 1) (f64.const 2)))`);

const MODES = ["global", "scratch", "cached"] as const;

async function run(mode: (typeof MODES)[number], budget: bigint, entry: string, args: unknown[]) {
  const out = rewriteModule(bytes, { maxMemoryBytes: 1 << 20, maxFuel: budget }, undefined, mode);
  const { observed, instance } = await observe(out, entry, args);
  const word = new Uint32Array((instance.exports.mem as WebAssembly.Memory).buffer, 0, 2);
  return { observed, fuel: readFuel(instance, budget), words: [...word] };
}

describe.each(MODES)("counter shape %s", (mode) => {
  test("a return before the loop: only the entry region", async () => {
    const { observed, fuel } = await run(mode, 1000n, "f", [0, 0]);
    expect(observed.value).toBe(-1);
    expect(fuel).toEqual({ consumed: 12n, exhausted: false });
  });

  test("through the loop: entry + 8 per iteration", async () => {
    const { observed, fuel, words } = await run(mode, 1000n, "f", [3, 0]);
    expect(observed.value).toBe(3);
    expect(fuel).toEqual({ consumed: 12n + 3n * 8n, exhausted: false });
    expect(words[0]).toBe(7);
  });

  test("a trap before the loop leaves the whole entry charge in the global", async () => {
    const { observed, fuel, words } = await run(mode, 1000n, "f", [3, 65_536]);
    expect(observed.trap).toMatch(/out of bounds/);
    expect(fuel).toEqual({ consumed: 12n, exhausted: false });
    expect(words[0]).toBe(7);
  });

  test("exhaustion at entry traps before the first side effect", async () => {
    const { observed, fuel, words } = await run(mode, 11n, "f", [3, 65_536]);
    expect(observed.trap).toMatch(/unreachable/);
    expect(fuel).toEqual({ consumed: 11n, exhausted: true });
    expect(words[0]).toBe(0); // the store did not run
  });

  test("exhaustion at the first loop header", async () => {
    const { observed, fuel, words } = await run(mode, 12n + 7n, "f", [3, 0]);
    expect(observed.trap).toMatch(/unreachable/);
    expect(fuel).toEqual({ consumed: 19n, exhausted: true });
    expect(words[0]).toBe(7);
  });

  test("paths that merge committed and uncommitted count the same", async () => {
    // entry: local.get, if, call | local.get, br_if, i32.const, i32.const, i32.store | local.get
    // (tail) = 9; $g costs 0; loop: 8 × 3 iterations
    for (const c of [0, 1]) {
      const { observed, fuel, words } = await run(mode, 1000n, "merge", [c]);
      expect(observed.value).toBe(3);
      expect(fuel).toEqual({ consumed: 9n + 24n, exhausted: false });
      expect(words[1]).toBe(c ? 0 : 9);
    }
  });

  test("exhaustion on either merged path stops before the store", async () => {
    for (const c of [0, 1]) {
      const { observed, fuel, words } = await run(mode, 8n, "merge", [c]);
      expect(observed.trap).toMatch(/unreachable/);
      expect(fuel).toEqual({ consumed: 8n, exhausted: true });
      expect(words[1]).toBe(0);
    }
  });

  test("multi-value results, with and without params", async () => {
    const pair = await run(mode, 1000n, "pair", [4]);
    expect(pair.observed.value).toEqual([4, 4]);
    expect(pair.fuel).toEqual({ consumed: 2n + 4n * 8n, exhausted: false });
    const pair0 = await run(mode, 1000n, "pair0", []);
    expect(pair0.observed.value).toEqual([1n, 2]);
    expect(pair0.fuel).toEqual({ consumed: 2n, exhausted: false });
    const dry = await run(mode, 1n, "pair0", []);
    expect(dry.observed.trap).toMatch(/unreachable/);
    expect(dry.fuel).toEqual({ consumed: 1n, exhausted: true });
  });
});

// Direct-only functions (not exported, not in a table or elem segment, no ref.func): in the
// default shape their callers pay their entry charge, merged into the region charge when the
// call is reached from the region start by pure straight-line code.
const calls = await wat(`(module
  (global $calls (export "calls") (mut i32) (i32.const 0))
  (table 1 funcref)
  (elem (i32.const 0) $viaTable)
  ;; direct-only, entry 7
  (func $leaf (param i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.add (local.get 0) (i32.const 1)))
  ;; in a table: pays its own entry, 3
  (func $viaTable (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  ;; direct-only calling direct-only from its own entry region: 2 (+ 7 for $leaf)
  (func $deep (param i32) (result i32) (call $leaf (local.get 0)))
  ;; direct-only with a loop: entry 1 (the tail); the loop 25 per iteration
  (func $looper (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (call $leaf (local.get $s)))
      (if (i32.and (local.get $i) (i32.const 1))
        (then (local.set $s (call $deep (local.get $s)))))
      (local.set $s (call_indirect (param i32) (result i32) (local.get $s) (i32.const 0)))
      (local.set $s (call $viaTable (local.get $s)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "run") (param $n i32) (result i32) (call $looper (local.get $n))))`);

async function runCalls(mode: (typeof MODES)[number], budget: bigint, n: number) {
  const out = rewriteModule(calls, { maxMemoryBytes: 1 << 20, maxFuel: budget }, undefined, mode);
  const { observed, instance } = await observe(out, "run", [n]);
  return { observed, fuel: readFuel(instance, budget) };
}

describe("callers pay the entry charge of direct-only functions", () => {
  test.each(MODES)("hand count, shape %s", async (mode) => {
    // run 2 + $looper 1 + per iteration 25 + $leaf 7 + $viaTable 3 × 2 + (odd i: $deep 2 + 7)
    const { observed, fuel } = await runCalls(mode, 10_000n, 4);
    expect(observed.globals.calls).toBe(6);
    expect(fuel).toEqual({ consumed: 3n + 4n * 38n + 2n * 9n, exhausted: false });
  });

  test("every budget stops at the same point in every shape", async () => {
    for (let budget = 0n; budget <= 175n; budget++) {
      const reference = await runCalls("global", budget, 4);
      for (const mode of ["scratch", "cached"] as const) {
        const got = await runCalls(mode, budget, 4);
        expect({ budget, ...got }).toEqual({ budget, ...reference });
      }
    }
  });
});
