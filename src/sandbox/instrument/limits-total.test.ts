// The caps bound the total of all memories (and of all tables) of a module, not each one: initial
// sizes that add up past the cap are refused, and a grow that would take the total past it
// returns -1. Node 20's V8 has no multi-memory (nor the npm wabt), so multi-memory modules are
// made with Debian's wabt, checked through the pure pass (rewriteModule) and run in its
// wasm-interp; tables run in V8.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { RefusedError } from "./bytes";
import { MAX_GROW_SIZE_READS } from "./grow-check";
import { instrument, readFuel, readGrowRefused, rewriteModule } from "./index";
import { AMPLE, cliTools, instrumentOk, observe, validateCli, watCli } from "./test-helpers";
import { wat as compileWat } from "../testing/wat";

const PAGE = 65_536;
const MiB = 1024 * 1024;
const wat = (source: string) => compileWat(source, { validate: true });

/** rewriteModule's refusal (the pure pass: no V8 validation, so multi-memory works in Node). */
function refusal(bytes: Uint8Array, maxMemoryBytes: number): RefusedError {
  try {
    rewriteModule(bytes, { maxMemoryBytes, maxFuel: 10n ** 9n });
  } catch (e) {
    if (e instanceof RefusedError) return e;
    throw e;
  }
  throw new Error("the module was not refused");
}

/** Calls every export of `bytes` in order in wasm-interp; one `name() => i32:N` line each. */
function interpret(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), "limits-total-"));
  try {
    writeFileSync(join(dir, "m.wasm"), bytes);
    const out = execFileSync(
      "wasm-interp",
      ["--enable-all", "--run-all-exports", join(dir, "m.wasm")],
      { encoding: "utf8" },
    );
    return out.trim().split("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!cliTools)("the memory cap bounds the total of all memories", () => {
  test("8 memories of 64 MiB under a 64 MiB cap are refused before the run, naming the total", async () => {
    const memories = Array.from({ length: 8 }, () => "(memory 1024)").join(" ");
    const error = refusal(watCli(`(module ${memories})`), 64 * MiB);
    expect(error.kind).toBe("memory_limit");
    expect(error.message).toBe(
      "the module's 8 memories declare initial sizes that add up to 8,192 pages (536,870,912 bytes), over the memory cap of 1,024 pages (67,108,864 bytes), which bounds all memories of a module together",
    );
  });

  test("an imported memory counts towards the total; a total equal to the cap is accepted", async () => {
    const src = (defined: number) =>
      watCli(`(module (import "env" "memory" (memory 3)) (memory ${defined}))`);
    expect(refusal(src(2), 4 * PAGE).message).toMatch(/2 memories .* add up to 5 pages/);
    const within = src(1);
    expect(() => rewriteModule(within, { maxMemoryBytes: 4 * PAGE })).not.toThrow();
  });

  test("two memories: a grow that takes the total past the cap returns -1, one within it works", async () => {
    // Cap 6 pages. a: 1 → 3 (total 4); b: +3 would make 7 (-1); b: +2 makes 6; a: +1 is -1.
    const bytes = watCli(`(module (memory $a 1) (memory $b 1)
        (func (export "a_plus_2") (result i32) (memory.grow $a (i32.const 2)))
        (func (export "b_plus_3") (result i32) (memory.grow $b (i32.const 3)))
        (func (export "b_plus_2") (result i32) (memory.grow $b (i32.const 2)))
        (func (export "a_plus_1") (result i32) (memory.grow $a (i32.const 1)))
        (func (export "total") (result i32) (i32.add (memory.size $a) (memory.size $b))))`);
    const expected = [
      "a_plus_2() => i32:1",
      "b_plus_3() => i32:4294967295",
      "b_plus_2() => i32:1",
      "a_plus_1() => i32:4294967295",
      "total() => i32:6",
    ];
    // wasm-interp prints -1 as an unsigned i32.
    expect(interpret(bytes)).not.toEqual(expected); // the original grows each memory freely
    for (const meter of [true, false]) {
      const out = rewriteModule(bytes, { maxMemoryBytes: 6 * PAGE, maxFuel: 10n ** 9n, meter });
      validateCli(out);
      expect(interpret(out)).toEqual(expected);
    }
  });

  test("a refused grow is not charged; an accepted one is, as before", () => {
    // Cap 5 pages, budget 3 pages' worth of fuel (8192 a page). The two refused grows of 4
    // pages are free; the accepted 2 pages cost 16384; 1 page more fits the cap (5 pages) but
    // not the fuel left, so its charge traps.
    const bytes = watCli(`(module (memory $a 1) (memory $b 1)
      (func (export "refused") (result i32) (memory.grow $b (i32.const 4)))
      (func (export "refused_again") (result i32) (memory.grow $b (i32.const 4)))
      (func (export "accepted") (result i32) (memory.grow $b (i32.const 2)))
      (func (export "too_dear") (result i32) (memory.grow $a (i32.const 1))))`);
    const out = rewriteModule(bytes, { maxMemoryBytes: 5 * PAGE, maxFuel: 8192n * 3n });
    const lines = interpret(out);
    expect(lines.slice(0, 3)).toEqual([
      "refused() => i32:4294967295",
      "refused_again() => i32:4294967295",
      "accepted() => i32:1",
    ]);
    expect(lines[3]).toMatch(/^too_dear\(\) => error: unreachable/);
  });

  test("every memory is exported for the runner, which adds them up", () => {
    const out = rewriteModule(watCli(`(module (memory 1) (memory 2) (memory 3))`), AMPLE);
    const text = validateCli(out);
    expect(text).toContain(`(export "__sandbox_memory" (memory 0))`);
    expect(text).toContain(`(export "__sandbox_memory_1" (memory 1))`);
    expect(text).toContain(`(export "__sandbox_memory_2" (memory 2))`);
  });

  test("a module exporting a name the sandbox gives one of its memories is refused", async () => {
    const bytes = watCli(`(module (memory 1) (memory (export "__sandbox_memory_1") 1))`);
    expect(() => rewriteModule(bytes, AMPLE)).toThrow(/already exports "__sandbox_memory_1"/);
  });

  test("grow checks that would read too many sizes are refused, not written", async () => {
    const memories = Array.from({ length: 100 }, () => "(memory 0)").join(" ");
    const grows = Math.floor(MAX_GROW_SIZE_READS / 100) + 1;
    const body = "(drop (memory.grow (i32.const 0)))".repeat(grows);
    const bytes = watCli(`(module ${memories} (func ${body}))`);
    expect(() => rewriteModule(bytes, AMPLE)).toThrow(
      /100 memories and 0 tables, .* 1,000,100 size reads, over the limit of 1,000,000/,
    );
  });
});

describe("the table cap bounds the total of all tables", () => {
  const tables = (a: number, b: number) =>
    wat(`(module (table $t ${a} funcref) (table $u ${b} externref)
      (func (export "grow_t") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
      (func (export "grow_u") (param i32) (result i32) (table.grow $u (ref.null extern) (local.get 0)))
      (func (export "total") (result i32) (i32.add (table.size $t) (table.size $u))))`);

  test("initial sizes that add up past the cap are refused before the run", async () => {
    const outcome = await instrument(await tables(6, 6), { ...AMPLE, maxTableElements: 10 });
    expect(outcome).toEqual({
      ok: false,
      kind: "memory_limit",
      message:
        "the module's 2 tables declare initial sizes that add up to 12 elements, over the table cap of 10 elements, which bounds all tables of a module together",
    });
    expect((await instrument(await tables(6, 4), { ...AMPLE, maxTableElements: 10 })).ok).toBe(
      true,
    );
  });

  test("growing the second table past the total returns -1 and sets the flag", async () => {
    const outcome = await instrumentOk(await tables(2, 1), { ...AMPLE, maxTableElements: 10 });
    const { instance } = await observe(outcome.bytes, "total");
    const e = instance.exports as Record<string, (n?: number) => number>;
    expect(e.grow_t(4)).toBe(2); // total 7
    expect(e.grow_u(4)).toBe(-1); // would be 11
    expect(readGrowRefused(instance)).toBe("table");
    expect(e.grow_u(3)).toBe(1); // total 10, the cap
    expect(e.grow_t(1)).toBe(-1);
    expect(e.total()).toBe(10);
  });

  test("a grow within the total is charged as without a table cap", async () => {
    const bytes = await tables(2, 1);
    const fuel = async (maxTableElements: number | undefined) => {
      const outcome = await instrumentOk(bytes, { ...AMPLE, maxTableElements });
      const { observed, instance } = await observe(outcome.bytes, "grow_u", [5]);
      expect(observed.value).toBe(1);
      return readFuel(instance, outcome.fuelLimit).consumed;
    };
    expect(await fuel(10)).toBe(await fuel(undefined));
  });
});
