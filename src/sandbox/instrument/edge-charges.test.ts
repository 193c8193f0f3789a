// Charges on the edges into a loop (loop-shape.ts, withEdgeCharges): in the lazy shape a loop
// whose every way back is a plain `br` is charged before its `loop` opcode and before each
// `br` back to it, not at its header. The exact shape keeps the header charge, so it is the
// reference: results, host calls, fuel and the point of exhaustion must match it.
import { describe, expect, test } from "vitest";
import { loadWabt, WABT_FEATURES } from "../toolchain/wabt-loader";
import { rewriteModuleWithFacts } from "./pipeline";
import { AMPLE, bothShapes as both, sameAtEveryBudget, wat } from "./test-helpers";

/** The lazy shape as text, one instruction per line. */
async function lazyText(bytes: Uint8Array): Promise<string[]> {
  const out = rewriteModuleWithFacts(bytes, { ...AMPLE, lazyCounter: true }, 10n ** 9n, "lazy");
  const wabt = await loadWabt();
  const module = wabt.readWasm(out.bytes, WABT_FEATURES);
  try {
    return module
      .toText({ foldExprs: false, inlineExport: false })
      .split("\n")
      .map((line) => line.trim());
  } finally {
    module.destroy();
  }
}

/** Indices of the lines that start a charge of `n`: local.get, i64.const n, i64.sub, … br_if. */
function chargesOf(lines: string[], n: number): number[] {
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (
      line === `i64.const ${n}` &&
      lines[i + 1] === "i64.sub" &&
      lines[i + 5]?.startsWith("br_if")
    ) {
      starts.push(i - 1);
    }
  });
  return starts;
}

// A bytecode machine: add, dec, out, jnz (back to 0 while n != 0), halt. Every case goes back
// to the dispatch with its own `br $next`.
const machine = (out: string) => `
  (local $pc i32) (local $acc i32)
  (loop $next
    (block $halt
      (block $jnz
        (block $out
          (block $dec
            (block $add
              (br_table $add $dec $out $jnz $halt (i32.load8_u (local.get $pc))))
            (local.set $acc (i32.add (local.get $acc) (i32.const 3)))
            (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
            (br $next))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (br $next))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
        ${out}
        (br $next))
      (local.set $pc (select (i32.const 0) (i32.add (local.get $pc) (i32.const 1)) (local.get $n)))
      (br $next)))
  (local.get $acc)`;

// add, out, dec, jnz, halt
const PROGRAM = `(memory 1) (data (i32.const 0) "\\00\\02\\01\\03\\04")`;

const EXPORTED = await wat(`(module ${PROGRAM}
  (func (export "run") (param $n i32) (result i32) ${machine("")}))`);

// In a direct-only (threaded) function that logs through the host right before a back edge:
// the count reloaded after the call must be charged, not overwritten.
const THREADED = await wat(`(module
  (import "env" "log" (func $log (param i32)))
  ${PROGRAM}
  (func $machine (param $n i32) (result i32) ${machine("(call $log (local.get $acc))")})
  (func (export "run") (param i32) (result i32) (call $machine (local.get 0))))`);

describe("charges on the edges of a loop", () => {
  test("a dispatch loop is charged before it and before each br back, not at its header", async () => {
    const lines = await lazyText(EXPORTED);
    const loop = lines.findIndex((line) => line.startsWith("loop"));
    // The charge right before the loop is the loop's own (the entry charge is committed by it).
    const cost = Number(/^i64\.const (\d+)$/.exec(lines[loop - 6])?.[1]);
    expect(lines.slice(loop - 7, loop)).toEqual([
      expect.stringMatching(/^local\.get \d+$/),
      `i64.const ${cost}`,
      "i64.sub",
      expect.stringMatching(/^local\.tee \d+$/),
      "i64.const 0",
      "i64.lt_s",
      expect.stringMatching(/^br_if /),
    ]);
    expect(lines[loop + 1]).not.toMatch(/^local\.get \d+$/); // nothing at the header
    const backEdges = lines.filter((line) => /^br \d+ \(;@\d+;\)$/.test(line)).length;
    expect(backEdges).toBe(4);
    const charges = chargesOf(lines, cost);
    expect(charges).toHaveLength(1 + backEdges);
    for (const at of charges.slice(1)) expect(lines[at + 7]).toMatch(/^br \d+/);
  });

  test("the same results and fuel as the exact shape", async () => {
    for (const n of [1, 2, 7, 100]) {
      const { lazy, exact } = await both(EXPORTED, "run", [n]);
      expect(lazy).toEqual(exact);
      expect(lazy.value).toBe(3 * n);
    }
    const { lazy, exact } = await both(THREADED, "run", [4]);
    expect(lazy).toEqual(exact);
    expect(lazy.log).toEqual([[3], [6], [9], [12]]);
  });

  test("every budget around the cost: exhausted exactly when the exact shape is", async () => {
    await sameAtEveryBudget(EXPORTED, "run", [3]);
  });

  test("a host call right before a back edge: reloaded, then charged", async () => {
    await sameAtEveryBudget(THREADED, "run", [3]);
  });

  test("a body that starts with the loop: the entry charge first, then the loop's", async () => {
    const m = await wat(`(module
      (func (export "run") (param $n i32) (result i32)
        (loop $l
          (if (local.get $n)
            (then (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l))))
        (local.get $n)))`);
    expect((await lazyText(m)).findIndex((line) => line.startsWith("loop"))).toBeGreaterThan(0);
    await sameAtEveryBudget(m, "run", [6]);
  });

  test("a loop with a br_if back keeps its header charge", async () => {
    const m = await wat(`(module
      (func (export "run") (param $n i32) (result i32) (local $acc i32)
        (loop $l
          (local.set $acc (i32.add (local.get $acc) (local.get $n)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $acc)))`);
    const lines = await lazyText(m);
    const loop = lines.findIndex((line) => line.startsWith("loop"));
    expect(lines[loop + 1]).toMatch(/^local\.get \d+$/);
    expect(lines[loop + 3]).toBe("i64.sub");
    await sameAtEveryBudget(m, "run", [5]);
  });
});
