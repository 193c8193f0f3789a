// The runner on the real instrument() output: the two halves of the ABI must agree.
import { describe, expect, it } from "vitest";
import { instrument } from "../instrument";
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import { wat } from "../testing/wat";
import { envBinding } from "./env-host";
import type { RunReport } from "./protocol";
import { runGuest } from "./run-guest";

async function runInstrumented(
  source: string,
  maxFuel?: number,
  deferStart = true,
): Promise<RunReport> {
  const outcome = await instrument(await wat(source, { names: true }), {
    maxFuel,
    maxMemoryBytes: 4 * 65_536,
    deferStart,
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return runGuest(
    outcome.bytes,
    {
      runId: 1,
      allowedImports: ["env.log"],
      memoryLimitBytes: 4 * 65_536,
      maxOutputBytes: 1024,
      fuelLimit: outcome.fuelLimit,
      metered: true,
      deterministic: true,
    },
    { onEvent: () => {}, readFuel, readGrowRefused, hostBindings: [envBinding] },
  );
}

describe("runGuest on instrumented modules", () => {
  it("an endless loop with a budget ends in fuel_exhausted, consuming exactly the budget", async () => {
    const r = await runInstrumented(
      `(module (func $spin (export "main") (loop $l (br $l))))`,
      10_000,
    );
    expect(r).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: 10_000n });
    expect(r.error).toMatch(/ran out of fuel after 10000 of 10000 units/);
  });

  it("fuel is deterministic across runs", async () => {
    const source = `(module (func (export "main") (result i32) (local $i i32)
      (loop $l (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 100))))
      local.get $i))`;
    const [a, b] = [
      await runInstrumented(source, 1_000_000),
      await runInstrumented(source, 1_000_000),
    ];
    expect(a).toMatchObject({ success: true, value: 100 });
    expect(a.fuelConsumed).toBeGreaterThan(100n);
    expect(b.fuelConsumed).toBe(a.fuelConsumed);
  });

  it("a memory bomb that keeps growing and then writes past the cap ends in memory_limit", async () => {
    const r = await runInstrumented(`(module (memory (export "memory") 1)
      (func (export "main") (local $p i32)
        (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
        (i32.store (i32.const 0x7ffff0) (i32.const 1))))`);
    expect(r.errorKind).toBe("memory_limit");
    expect(r.memoryUsedBytes).toBe(4 * 65_536);
    expect(r.error).toMatch(/cap of 256 KiB/);
  });
});

describe("runGuest: a start function deferred by instrument()", () => {
  const LOG_FROM_START = `(module
    (import "env" "log" (func $log (param i32 i32)))
    (memory (export "memory") 1)
    (data (i32.const 0) "started")
    (global $runs (mut i32) (i32.const 0))
    (func $init
      (global.set $runs (i32.add (global.get $runs) (i32.const 1)))
      (call $log (i32.const 0) (i32.const 7)))
    (start $init)
    (func (export "main") (result i32) (global.get $runs)))`;

  it("runs once, before the entry, and its host calls reach the memory", async () => {
    const r = await runInstrumented(LOG_FROM_START, 1_000_000);
    expect(r).toMatchObject({ success: true, value: 1, output: "started" });
    // Run by V8 inside instantiation instead, env.log cannot reach the memory yet.
    const native = await runInstrumented(LOG_FROM_START, 1_000_000, false);
    expect(native.errorKind).toBe("trap");
    expect(native.error).toContain("before the guest's memory was reachable");
  });

  it("fuel exhaustion in the start function is fuel_exhausted, not a generic trap", async () => {
    const source = `(module (func $init (loop $l (br $l))) (start $init) (func (export "main")))`;
    const r = await runInstrumented(source, 5_000);
    expect(r).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: 5_000n });
    expect(r.error).toMatch(
      /ran out of fuel after 5000 of 5000 units in function \$init \(in the start function\)/,
    );
    expect(r.timings.runMs).toBe(0);
  });

  it("a trap in the start function says so", async () => {
    const r = await runInstrumented(
      `(module (func $init unreachable) (start $init) (func (export "main")))`,
    );
    expect(r.errorKind).toBe("trap");
    expect(r.error).toMatch(/unreachable in function \$init \(in the start function\)/);
  });
});
