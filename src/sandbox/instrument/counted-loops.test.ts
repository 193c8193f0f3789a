// Counted loops (counted-loops.ts): in the lazy shape a loop whose trip count is known at entry
// is charged once, up front. The count, the result and the point of exhaustion must be exactly
// those of the exact shape, for every start, bound and budget, including the ones where the
// induction variable would wrap (the loop then runs as before, charged per iteration).
import { describe, expect, test } from "vitest";
import { readFuel, rewriteModule } from "./index";
import { rewriteModuleWithFacts } from "./pipeline";
import { observe, wat } from "./test-helpers";

// Each export: `for (i = start; i <op> bound; i += step) acc += i * 3` as a do-while, returning
// acc + i, so the loop's own work is checked too.
const loop = (name: string, compare: string, step: number, bound: string) => `
  (func (export "${name}") (param $i i32) (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const 3))))
      (br_if $l (${compare} (local.tee $i (i32.add (local.get $i) (i32.const ${step}))) ${bound})))
    (i32.add (local.get $acc) (local.get $i)))`;

// The same, tested before the body (the shape AssemblyScript emits for a `for`).
const whileLoop = (name: string, compare: string, step: number, bound: string) => `
  (func (export "${name}") (param $i i32) (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (if (${compare} (local.get $i) ${bound})
        (then
          (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const 3))))
          (local.set $i (i32.add (local.get $i) (i32.const ${step})))
          (br $l))))
    (i32.add (local.get $acc) (local.get $i)))`;

const module = await wat(`(module (memory 1)
  ${loop("ne1", "i32.ne", 1, "(local.get $n)")}
  ${loop("ne16", "i32.ne", 16, "(local.get $n)")}
  ${loop("ltu1", "i32.lt_u", 1, "(local.get $n)")}
  ${loop("ltu7", "i32.lt_u", 7, "(local.get $n)")}
  ${loop("lts3", "i32.lt_s", 3, "(local.get $n)")}
  ${loop("lts5const", "i32.lt_s", 5, "(i32.const 1000)")}
  ${whileLoop("whileNe2", "i32.ne", 2, "(local.get $n)")}
  ${whileLoop("whileLtu1", "i32.lt_u", 1, "(local.get $n)")}
  ${whileLoop("whileLts3", "i32.lt_s", 3, "(local.get $n)")}
  ${whileLoop("whileLeu4", "i32.le_u", 4, "(local.get $n)")}
  ${whileLoop("whileLes1", "i32.le_s", 1, "(local.get $n)")}
  ${whileLoop("whileLes2const", "i32.le_s", 2, "(i32.const 2000)")}
  (func (export "trapsPartWay") (param $i i32) (param $n i32) (result i32)
    (loop $l
      (drop (i32.load (i32.shl (local.get $i) (i32.const 12))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $i)))`);

const MAX_U = 0xffff_ffff | 0;
const MAX_S = 0x7fff_ffff;
const MIN_S = -0x8000_0000;
// [start, bound] pairs: ordinary, a bound already passed, and the wrap edges of each compare.
const CASES: [number, number][] = [
  [0, 10],
  [5, 5],
  [0, 768],
  [10, 3],
  [-7, 20],
  [MIN_S, MIN_S + 40],
  [MAX_S - 20, MAX_S],
  [MAX_S - 2, MAX_S],
  [MAX_U - 30, MAX_U],
  [MAX_U - 2, MAX_U],
  [MAX_U - 40, 5],
  [3, 2],
];
// Enough for every loop that ends (≤ 800 iterations); the wrapping ones run out of fuel.
const BUDGETS = [1_000_000n, 500n, 37n, 0n];

async function run(shape: "cached" | "lazy", entry: string, args: number[], budget: bigint) {
  const out = rewriteModule(module, { maxMemoryBytes: 1 << 20, maxFuel: budget }, budget, shape);
  const { observed, instance } = await observe(out, entry, args);
  return { observed, fuel: readFuel(instance, budget) };
}

describe("counted loops", () => {
  test("are found in the loop shapes compilers emit, and only there", () => {
    const counted = async (body: string) => {
      const bytes = await wat(`(module (memory 1) (func $g)
        (func (export "f") (param $i i32) (param $n i32) (result i32) (local $x i32)
          ${body} (local.get $i)))`);
      return rewriteModuleWithFacts(bytes, { maxMemoryBytes: 1 << 20, lazyCounter: true })
        .countedLoops;
    };
    const step = "(local.set $i (i32.add (local.get $i) (i32.const 2)))";
    const next = (op = "i32.lt_u", step = "(i32.const 4)", bound = "(local.get $n)") =>
      `(br_if $l (${op} (local.tee $i (i32.add (local.get $i) ${step})) ${bound}))`;
    const cases: [string, number][] = [
      [`(loop $l (local.set $x (local.get $i)) ${next()})`, 1],
      [`(loop $l ${next("i32.ne", "(i32.const 1)", "(i32.const 100)")})`, 1],
      [`(loop $l (block $b (br_if $b (local.get $x))) ${next("i32.lt_s")})`, 1],
      [`(loop $l (call $g) ${next()})`, 0], // a call
      [`(block $out (loop $l (br_if $out (local.get $x)) ${next()}))`, 0], // leaves the loop
      [`(loop $l (local.set $i (local.get $x)) ${next()})`, 0], // another write to $i
      [`(loop $l (local.set $n (local.get $x)) ${next()})`, 0], // the bound changes
      [`(loop $l ${next("i32.lt_u", "(local.get $x)")})`, 0], // the step is not a constant
      [`(loop $l ${next("i32.lt_u", "(i32.const -4)")})`, 0], // nor positive
      [`(loop $l ${next("i32.le_u")})`, 0], // another compare
      [`(loop $l (if (local.get $x) (then (return (i32.const 0)))) ${next()})`, 0],
      [`(loop $l (memory.fill (i32.const 0) (i32.const 0) (local.get $x)) ${next()})`, 0],
      [`(loop $l (br_if $l (local.get $x)) ${next()})`, 0], // a second way back
      // an unreachable: counted; in the copy charged in advance it flags that the count lags
      [`(loop $l (if (local.get $x) (then unreachable)) ${next()})`, 1],
      // Only the innermost of two nested loops.
      [`(loop $o (loop $l ${next()}) (br_if $o (local.get $x)))`, 1],
      // Tested before the body.
      [`(loop $l (if (i32.lt_s (local.get $i) (local.get $n)) (then ${step} (br $l))))`, 1],
      [`(loop $l (if (i32.le_u (local.get $i) (i32.const 9)) (then ${step} (br $l))))`, 1],
      // … but not when it goes on in an else arm, leaves the if, or has code after the if.
      [
        `(loop $l (if (i32.lt_s (local.get $i) (local.get $n)) (then (nop)) (else ${step} (br $l))))`,
        0,
      ],
      [
        `(loop $l (if (i32.lt_s (local.get $i) (local.get $n))
          (then (br_if 0 (local.get $x)) ${step} (br $l))))`,
        0,
      ],
      [
        `(loop $l (if (i32.lt_s (local.get $i) (local.get $n)) (then (nop)))
          (block ${step} (br $l)))`,
        0,
      ],
    ];
    return Promise.all(
      cases.map(async ([body, expected]) => expect(await counted(body), body).toBe(expected)),
    );
  });

  test.each([
    "ne1",
    "ne16",
    "ltu1",
    "ltu7",
    "lts3",
    "lts5const",
    "whileNe2",
    "whileLtu1",
    "whileLts3",
    "whileLeu4",
    "whileLes1",
    "whileLes2const",
    "trapsPartWay",
  ])(
    "%s: the same result, trap and fuel as the exact shape, for every start, bound and budget",
    async (entry) => {
      for (const [start, bound] of CASES) {
        for (const budget of BUDGETS) {
          const exact = await run("cached", entry, [start, bound], budget);
          const counted = await run("lazy", entry, [start, bound], budget);
          const what = `${entry}(${start}, ${bound}) with ${budget}`;
          expect(counted.observed.value, what).toEqual(exact.observed.value);
          expect(counted.observed.trap, what).toEqual(exact.observed.trap);
          if (exact.fuel.exhausted || exact.observed.trap === undefined) {
            expect(counted.fuel, what).toEqual(exact.fuel);
          }
        }
      }
    },
  );
});
