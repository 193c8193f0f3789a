// Paired loops (loop-code.ts, pairedLoopCode): in the lazy shape a short loop that only a
// plain `br` goes back to, that never falls through its end and holds no charge but its own
// (an interpreter's dispatch loop) runs two iterations per check, with B's charge taken in
// advance and given back on every way out of A. The exact shape is the reference: results,
// traps, fuel and the point of exhaustion must match it, whichever copy a run leaves from.
import { describe, expect, test } from "vitest";
import { rewriteModuleWithFacts } from "./pipeline";
import { AMPLE, bothShapes as both, sameAtEveryBudget, wat } from "./test-helpers";

const paired = (bytes: Uint8Array) =>
  rewriteModuleWithFacts(bytes, { ...AMPLE, lazyCounter: true }, 10n ** 9n, "lazy").pairedLoops;

// A bytecode machine whose dispatch loop ends with `br $next`. Ops: 0 add 3, 1 dec n, 2 back to
// 0 while n != 0, 3 return acc, 4 trap (unreachable), 5 break out with acc * 2, 6 break out
// with acc * 3 if acc > 10 (else go on). `program` is the bytes at address 0.
const machine = (program: string, where = `(export "run")`, wrap = "") =>
  wat(`(module (memory 1) (data (i32.const 0) "${program}")
    (func $run ${where} (param $n i32) (result i32) (local $pc i32) (local $acc i32)
      (block $exit (result i32)
        (loop $next
          (block $dispatch
            (block $brif (block $brk (block $trap (block $halt (block $jnz (block $dec (block $add
              (br_table $add $dec $jnz $halt $trap $brk $brif
                (i32.load8_u (local.get $pc))))
              (local.set $acc (i32.add (local.get $acc) (i32.const 3)))
              (br $dispatch))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $dispatch))
              (if (local.get $n) (then (local.set $pc (i32.const 0)) (br $next)))
              (br $dispatch))
              (return (local.get $acc)))
              (unreachable))
              (br $exit (i32.mul (local.get $acc) (i32.const 2))))
            (drop (br_if $exit (i32.mul (local.get $acc) (i32.const 3))
                               (i32.gt_u (local.get $acc) (i32.const 10)))))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (br $next))
        (unreachable))
      (i32.add (i32.const 1000)))
    ${wrap})`);

describe("paired loops", () => {
  test("a dispatch loop that ends with br is paired; the exact shape is not", async () => {
    const m = await machine("\\00\\01\\02\\03");
    expect(paired(m)).toBe(1);
    expect(rewriteModuleWithFacts(m, AMPLE, 10n ** 9n, "cached").pairedLoops).toBe(0);
    const { lazy, exact } = await both(m, "run", [5]);
    expect(lazy).toEqual(exact);
    expect(lazy.value).toBe(15);
  });

  test("a return from either copy: the count given back, exact at every budget", async () => {
    // add, dec, jnz, halt: n turns of 3 iterations, then halt; n = 1, 2 leave from A and B.
    for (const n of [1, 2]) {
      const full = await sameAtEveryBudget(await machine("\\00\\01\\02\\03"), "run", [n], 100n);
      expect(full.value).toBe(3 * n);
    }
  });

  test("a break out by br and by br_if, from either copy", async () => {
    // add, add, brk / add, brk; add, brif (taken once acc > 10), add, dec, jnz, halt
    for (const program of ["\\00\\00\\05", "\\00\\05", "\\00\\06\\00\\01\\02\\03"]) {
      const m = await machine(program);
      expect(paired(m)).toBe(1);
      const full = await sameAtEveryBudget(m, "run", [6], 100n);
      expect(full.value).toBeGreaterThan(1000);
    }
  });

  test("unreachable in either copy stores the exact count", async () => {
    for (const program of ["\\00\\04", "\\00\\00\\04"]) {
      const full = await sameAtEveryBudget(await machine(program), "run", [1], 100n);
      expect(full.trap).toMatch(/unreachable/);
    }
  });

  test("random programs: the same as the exact shape at random budgets", async () => {
    let state = 20261125;
    const next = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      return (state >>> 16) % n;
    };
    for (let i = 0; i < 40; i++) {
      const program = Array.from({ length: 2 + next(7) }, () => next(7));
      const text = program.map((op) => `\\0${op}`).join("");
      const m = await machine(text);
      const n = next(5);
      // Capped: a program may loop until the budget runs out.
      const { exact: full } = await both(m, "run", [n], 20_000n);
      const budgets = [20_000n, full.fuel.consumed, full.fuel.consumed - 1n, BigInt(next(2000))];
      for (const budget of budgets) {
        const { lazy, exact } = await both(m, "run", [n], budget);
        expect(lazy, `program ${program.join(",")} n ${n} budget ${budget}`).toEqual(exact);
      }
    }
  });

  test("in a threaded function (locals shifted)", async () => {
    const m = await machine(
      "\\00\\01\\02\\03",
      "",
      `(func (export "main") (param i32) (result i32) (call $run (local.get 0)))`,
    );
    const out = rewriteModuleWithFacts(m, { ...AMPLE, lazyCounter: true }, 10n ** 9n, "lazy");
    expect(out.threadedFunctions).toEqual([0]);
    expect(out.pairedLoops).toBe(1);
    for (const n of [1, 2, 3]) await sameAtEveryBudget(m, "main", [n], 100n);
  });

  test("not paired: a nested charge, a fall-through end, a br_table out", async () => {
    // A nested loop charges inside the body.
    const nested = await wat(`(module
      (func (export "run") (param $n i32) (result i32) (local $i i32)
        (loop $outer
          (local.set $i (i32.const 3))
          (loop $inner (br_if $inner (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
          (if (i32.eqz (local.tee $n (i32.sub (local.get $n) (i32.const 1))))
            (then (return (local.get $n))))
          (br $outer))
        (unreachable)))`);
    // The body falls out of the loop when n reaches 0.
    const fallsThrough = await wat(`(module
      (func (export "run") (param $n i32) (result i32)
        (loop $l
          (if (local.get $n) (then (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l))))
        (local.get $n)))`);
    const tableOut = await wat(`(module
      (func (export "run") (param $n i32) (result i32)
        (block $out
          (loop $l
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (block $on (br_table $on $out (i32.eqz (local.get $n))))
            (br $l)))
        (local.get $n)))`);
    for (const m of [nested, fallsThrough, tableOut]) {
      expect(paired(m)).toBe(0);
      await sameAtEveryBudget(m, "run", [3], 100n);
    }
  });
});
