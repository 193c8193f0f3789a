// Fuel counts on programs whose cost is computed by hand from the cost model in README.md:
// 1 per instruction, block/loop/else/end free, charged at function entry and loop headers.
import { describe, expect, test } from "vitest";
import { readFuel } from "./index";
import { AMPLE, fuelOf, instrumentOk, observe, wat } from "./test-helpers";

const PROGRAMS = `(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "mem") 1)
  (global $g (export "g") (mut i32) (i32.const 0))
  (func (export "add3") (param i32 i32 i32) (result i32)
    local.get 0 local.get 1 i32.add local.get 2 i32.add)
  (func (export "abs") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 0))
      (then (i32.sub (i32.const 0) (local.get 0)))
      (else (local.get 0))))
  (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func (export "grid") (param $n i32) (param $m i32) (result i32)
    (local $i i32) (local $j i32) (local $c i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $m))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $c))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func $count (export "count") (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $count (i32.sub (local.get $n) (i32.const 1))
                                (i32.add (local.get $acc) (i32.const 2))))))
  (func (export "logs") (call $log (i32.const 1)) (call $log (i32.const 2)) (call $log (i32.const 3)))
  (func (export "spin") (loop $l (global.set $g (i32.add (global.get $g) (i32.const 1))) (br $l)))
  (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 7) (local.get 1)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`;

const bytes = await wat(PROGRAMS);
// Functions only ever entered by a call or return_call of the module: their callers pay their
// entry charge, at a return_call as at a call.
const TAIL_CALLS = await wat(`(module
  (func $a (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 7))
      (else (return_call $b (i32.sub (local.get 0) (i32.const 1))))))
  (func $b (param i32) (result i32) (return_call $a (local.get 0)))
  (func (export "ping") (param i32) (result i32) (call $a (local.get 0))))`);
const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));

// Every count holds in both counter shapes the sandbox uses (abi.ts, lazyCounter).
describe.each([false, true])("lazyCounter %s", (lazyCounter) => {
  const limits = { ...AMPLE, lazyCounter };
  const fuelIn = (entry: string, args: unknown[] = []) => fuelOf(bytes, entry, args, limits);

  describe("fuel counts match the hand-computed cost model", () => {
    test("straight-line code: one unit per instruction", async () => {
      expect(await fuelIn("add3", [1, 2, 3])).toBe(5n);
    });

    test("both arms of an if are charged, whichever runs", async () => {
      expect(await fuelIn("abs", [-3])).toBe(8n);
      expect(await fuelIn("abs", [3])).toBe(8n);
    });

    test("a counted loop costs 1 + 13 (N + 1)", async () => {
      for (const n of [0, 1, 10, 1000]) {
        expect(await fuelIn("sum", [n])).toBe(BigInt(1 + 13 * (n + 1)));
      }
    });

    test("nested loops: 1 + 10 n + 12 n m", async () => {
      for (const [n, m] of [
        [1, 1],
        [3, 4],
        [20, 7],
      ]) {
        // prettier-ignore
        expect(await fuelIn("grid", [n, m])).toBe(BigInt(1 + 10 * n + 12 * n * m));
      }
    });

    test("recursion: 14 per call, 2 fib(n+1) - 1 calls", async () => {
      for (const n of [0, 1, 10, 20]) {
        expect(await fuelIn("fib", [n])).toBe(BigInt(14 * (2 * fib(n + 1) - 1)));
      }
    });

    test("tail calls are charged per call and do not grow the stack", async () => {
      expect(await fuelIn("count", [100_000, 0])).toBe(11n * 100_001n);
    });

    test("a return_call pays the entry of a callee only the module calls", async () => {
      // ping 2, then $a 8 per entry (n + 1 of them) and $b 2 per entry (n)
      for (const n of [0, 1, 10, 1000]) {
        expect(await fuelOf(TAIL_CALLS, "ping", [n], limits)).toBe(BigInt(2 + 8 * (n + 1) + 2 * n));
      }
      const outcome = await instrumentOk(TAIL_CALLS, { ...limits, maxFuel: 100_000n });
      const { observed, instance } = await observe(outcome.bytes, "ping", [1e9]);
      expect(observed.trap).toMatch(/unreachable/);
      expect(readFuel(instance, 100_000n).exhausted).toBe(true);
    });

    test("host calls cost only the call instruction", async () => {
      expect(await fuelIn("logs")).toBe(6n);
    });

    test("bulk memory ops add length / 8 (floor)", async () => {
      expect(await fuelIn("fill", [0, 0])).toBe(4n);
      expect(await fuelIn("fill", [0, 7])).toBe(4n);
      expect(await fuelIn("fill", [0, 65_536])).toBe(4n + 8192n);
      expect(await fuelIn("copy", [0, 100, 800])).toBe(4n + 100n);
    });

    test("memory.grow costs 8192 per page added", async () => {
      expect(await fuelIn("grow", [0])).toBe(2n);
      expect(await fuelIn("grow", [3])).toBe(2n + 3n * 8192n);
    });

    test("counts are identical across instrumentations and runs, with or without a budget", async () => {
      const a = await instrumentOk(bytes, limits);
      const b = await instrumentOk(bytes, limits);
      expect(a.bytes).toEqual(b.bytes);
      const runs = await Promise.all([1, 2, 3].map(() => fuelIn("fib", [15])));
      const unlimited = await fuelOf(bytes, "fib", [15], { maxMemoryBytes: 1 << 20, lazyCounter });
      expect(new Set([...runs, unlimited]).size).toBe(1);
    });
  });

  describe("exhaustion", () => {
    const run = async (entry: string, args: number[], maxFuel: bigint) => {
      const outcome = await instrumentOk(bytes, { ...limits, maxFuel });
      const { observed, instance } = await observe(outcome.bytes, entry, args);
      return { observed, fuel: readFuel(instance, outcome.fuelLimit) };
    };

    test("a budget of exactly the fuel needed passes; one less traps, counter below 0", async () => {
      const needed = BigInt(1 + 13 * 11);
      const enough = await run("sum", [10], needed);
      expect(enough.observed.value).toBe(45);
      expect(enough.fuel).toEqual({ consumed: needed, exhausted: false });
      const short = await run("sum", [10], needed - 1n);
      expect(short.observed.trap).toMatch(/unreachable/);
      expect(short.fuel).toEqual({ consumed: needed - 1n, exhausted: true });
    });

    test("an endless loop stops at once: 5 per iteration, floor(budget / 5) iterations done", async () => {
      for (const budget of [0n, 4n, 5n, 1000n, 1003n]) {
        const { observed, fuel } = await run("spin", [], budget);
        expect(observed.trap).toMatch(/unreachable/);
        expect(observed.globals.g).toBe(Number(budget / 5n));
        expect(fuel.exhausted).toBe(true);
      }
    });

    test("a huge memory.fill is charged by size before it runs", async () => {
      const huge = 0xffff_ffff;
      const cheap = await run("fill", [0, huge], 1_000_000n);
      expect(cheap.fuel.exhausted).toBe(true);
      const rich = await run("fill", [0, huge], 10n ** 12n);
      expect(rich.observed.trap).toMatch(/out of bounds/);
      expect(rich.fuel).toEqual({ consumed: 4n + BigInt(huge >>> 3), exhausted: false });
    });
  });
});
