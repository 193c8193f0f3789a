import { describe, expect, it } from "vitest";
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import { wat } from "../testing/wat";
import { envBinding } from "./env-host";
import type { HostBindingFactory } from "./host-bindings";
import type { RunReport, RunRequest, RunnerEvent } from "./protocol";
import { runGuest } from "./run-guest";

const MIB = 1024 * 1024;

/** Runs bytes with a plain request (fields overridable) and the given host bindings. */
async function runBytes(
  bytes: Uint8Array,
  request: Partial<RunRequest> = {},
  hostBindings: HostBindingFactory[] = [envBinding],
): Promise<RunReport & { events: RunnerEvent[] }> {
  const events: RunnerEvent[] = [];
  const report = await runGuest(
    bytes,
    {
      runId: 7,
      allowedImports: ["env.log", "env.abort"],
      memoryLimitBytes: 64 * MIB,
      maxOutputBytes: MIB,
      metered: false,
      deterministic: true,
      ...request,
    },
    { onEvent: (e) => events.push(e), readFuel, readGrowRefused, hostBindings },
  );
  return { ...report, events };
}

/** WAT (with names) through runBytes, with env bindings plus `extra`. */
async function run(
  source: string,
  request: Partial<RunRequest> = {},
  extra: HostBindingFactory[] = [],
): Promise<RunReport & { events: RunnerEvent[] }> {
  return runBytes(await wat(source, { names: true }), request, [envBinding, ...extra]);
}

describe("runGuest: results", () => {
  it("returns the entry's value, with timings and peak memory", async () => {
    const r = await run(
      `(module (memory (export "memory") 2) (func (export "main") (result i32) i32.const 42))`,
    );
    expect(r).toMatchObject({ runId: 7, success: true, value: 42, memoryUsedBytes: 2 * 65_536 });
    expect(r.errorKind).toBeUndefined();
    expect(r.timings.compileMs).toBeGreaterThanOrEqual(0);
    expect(
      r.events.filter((e) => e.type === "phase").map((e) => e.type === "phase" && e.phase),
    ).toEqual(["compiling", "instantiating", "running"]);
  });

  it("converts arguments per parameter type: i64 as bigint, multi-value as an array", async () => {
    const r = await run(
      `(module (func (export "swap") (param i64 f64) (result f64 i64) local.get 1 local.get 0))`,
      { entry: "swap", args: [5, 2.5] },
    );
    expect(r.value).toEqual([2.5, 5n]);
    const big = await run(`(module (func (export "id") (param i64) (result i64) local.get 0))`, {
      args: [2n ** 62n],
    });
    expect(big.value).toBe(2n ** 62n);
  });

  it("refuses a wrong argument count or a missing entry as invalid_config, naming them", async () => {
    const add = `(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`;
    const few = await run(add, { args: [1] });
    expect(few).toMatchObject({ success: false, errorKind: "invalid_config" });
    expect(few.error).toContain('"add" takes 2 argument(s) (i32, i32); got 1');
    const missing = await run(add, { entry: "sub", args: [] });
    expect(missing.error).toMatch(/no function "sub".*add/);
    expect((await run(add, { args: [1.5, 2] })).error).toMatch(/args\[0\].*integer/);
  });

  it("refuses a module V8 rejects as invalid_module", async () => {
    const r = await runBytes(
      new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 1]),
      { allowedImports: [] },
      [],
    );
    expect(r).toMatchObject({ success: false, errorKind: "invalid_module" });
  });
});

describe("runGuest: imports", () => {
  it("lists every denied import by name with its signature, in one message", async () => {
    const r = await run(
      `(module
      (import "env" "secret" (func (param i32) (result i32)))
      (import "env" "log" (func (param i64 f64) (result i32)))
      (import "env" "table" (table 1 funcref))
      (import "env" "g" (global i32))
      (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
      (func (export "main")))`,
      { allowedImports: ["env.*"] },
    );
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain("5 imports are not allowed");
    expect(r.error).toContain(
      "env.secret (func (param i32) (result i32)): allowed, but the host provides no such function",
    );
    expect(r.error).toContain(
      "env.log (func (param i64 f64) (result i32)): wrong signature, the host's is (func (param i32 i32))",
    );
    expect(r.error).toContain("env.table (table 1 funcref)");
    expect(r.error).toContain("env.g (global i32)");
    expect(r.error).toContain(
      "wasi_snapshot_preview1.fd_write (func (param i32 i32 i32 i32) (result i32)): not in allowedImports",
    );
  });

  it("denies an allowed name that is not on the allow-list's module", async () => {
    const r = await run(
      `(module (import "env" "log" (func (param i32 i32))) (func (export "main")))`,
      { allowedImports: [] },
    );
    expect(r.error).toBe(
      "1 import is not allowed: env.log (func (param i32 i32)): not in allowedImports",
    );
  });

  it("gives an imported memory the cap as its maximum, and refuses one over the cap", async () => {
    const grow = `(module (import "env" "memory" (memory 1)) (func (export "main") (result i32) (memory.grow (i32.const 100))))`;
    const capped = await run(grow, {
      allowedImports: ["env.memory"],
      memoryLimitBytes: 4 * 65_536,
    });
    expect(capped).toMatchObject({ success: true, value: -1, memoryUsedBytes: 65_536 });
    const over = await run(`(module (import "env" "memory" (memory 8)) (func (export "main")))`, {
      allowedImports: ["env.memory"],
      memoryLimitBytes: 4 * 65_536,
    });
    expect(over.errorKind).toBe("memory_limit");
    expect(over.error).toMatch(/8 pages.*cap of 4 pages/);
  });
});

const logging = `(module (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1) (data (i32.const 16) "héllo\\n")`;

describe("runGuest: env host functions and output", () => {
  it("env.log writes UTF-8 from guest memory, in batches rather than one post per call", async () => {
    const r = await run(`${logging}
      (func (export "main") (local $i i32)
        (loop $again (call $log (i32.const 16) (i32.const 7))
          (br_if $again (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))))`);
    expect(r.success).toBe(true);
    expect(r.output).toBe("héllo\n".repeat(1000));
    const outputs = r.events.filter((e) => e.type === "output");
    // Without batching there would be 1,000 posts; the sink's own test pins the exact batching
    // with a fake clock, so here a slow (loaded) machine's extra flush windows cannot fail it.
    expect(outputs.length).toBeLessThan(100);
    expect(outputs.map((e) => e.type === "output" && e.text).join("")).toBe(r.output);
  });

  it("a bad pointer in env.log is a trap naming the range and the calling function", async () => {
    const r = await run(
      `${logging} (func $bad (export "main") (call $log (i32.const 65530) (i32.const 100))))`,
    );
    expect(r.errorKind).toBe("trap");
    expect(r.error).toBe(
      "trap: env.log: bytes 0xfffa..0x1005e lie outside the guest memory (65536 bytes) in function $bad",
    );
    expect(
      (await run(`${logging} (func (export "main") (call $log (i32.const -1) (i32.const 2))))`))
        .errorKind,
    ).toBe("trap");
  });

  it("env.abort decodes AssemblyScript's UTF-16 strings into the message", async () => {
    // "boom" at 20 and "a.ts" at 40, each preceded by its byte length (rtSize).
    const r = await run(`(module (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
      (memory (export "memory") 1) (data (i32.const 16) "\\08\\00\\00\\00b\\00o\\00o\\00m\\00")
      (data (i32.const 36) "\\08\\00\\00\\00a\\00.\\00t\\00s\\00")
      (func $check (export "main") (call $abort (i32.const 20) (i32.const 40) (i32.const 3) (i32.const 9))))`);
    expect(r).toMatchObject({
      errorKind: "trap",
      error: "trap: abort: boom at a.ts:3:9 in function $check",
    });
  });

  it("stops at maxOutputBytes with output_limit, keeping output up to the cap", async () => {
    const r = await run(
      `${logging} (func (export "main") (loop $l (call $log (i32.const 16) (i32.const 7)) (br $l))))`,
      { maxOutputBytes: 20 },
    );
    expect(r.errorKind).toBe("output_limit");
    expect(new TextEncoder().encode(r.output).length).toBeLessThanOrEqual(22);
    expect(r.output.startsWith("héllo\nhéllo\n")).toBe(true);
    expect(r.error).toMatch(/output cap of 20 bytes/);
  });

  it("a guest that catches the output-limit signal and returns still ends in output_limit", async () => {
    const r = await run(
      `${logging} (func (export "main") (result i32)
        (try (do (loop $l (call $log (i32.const 16) (i32.const 7)) (br $l))) (catch_all))
        i32.const 1))`,
      { maxOutputBytes: 20 },
    );
    expect(r.errorKind).toBe("output_limit");
  });
});

describe("runGuest: failures, one kind each", () => {
  it("a trap carries V8's message and the function, by name or by export", async () => {
    const r = await run(
      `(module (func $divide (export "main") (result i32) (i32.div_s (i32.const 1) (i32.const 0))))`,
    );
    expect(r).toMatchObject({
      success: false,
      errorKind: "trap",
      error: "trap: divide by zero in function $divide",
    });
    const unnamed = await runBytes(
      await wat(`(module (func (export "go") unreachable))`),
      { allowedImports: [] },
      [],
    );
    expect(unnamed.error).toBe('trap: unreachable in function "go" (function #0)');
    // Only the guest's own `unreachable` is flagged (its fuel count is stored before it).
    expect(unnamed.unreachable).toBe(true);
    expect(r.unreachable).toBeUndefined();
  });

  it("recursion without end is stack_overflow, also when it surfaces inside a host function", async () => {
    const r = await run(`(module (func $down (export "main") (call $down)))`);
    expect(r).toMatchObject({ errorKind: "stack_overflow" });
    expect(r.error).toContain("in function $down");
    const viaHost = await run(
      `${logging} (func $down (export "main") (call $log (i32.const 16) (i32.const 0)) (call $down)))`,
    );
    expect(viaHost.errorKind).toBe("stack_overflow");
  });

  it("a trap in the start function is reported as happening during instantiation", async () => {
    const r = await run(`(module (func $init unreachable) (start $init) (func (export "main")))`);
    expect(r.errorKind).toBe("trap");
    expect(r.error).toMatch(/unreachable in function \$init \(during instantiation/);
  });

  // Modules that carry the instrumentation ABI by hand, so these tests do not depend on the passes.
  const metered = (body: string) => `(module
    (global $fuel (export "__sandbox_fuel_remaining") (mut i64) (i64.const 100))
    (global $refused (export "__sandbox_grow_refused") (mut i32) (i32.const 0))
    (memory 1 2) ${body})`;

  it("fuel exhaustion is fuel_exhausted with the budget and the function, not a trap", async () => {
    const r = await run(
      metered(`(func $spin (export "main")
      (loop $l (global.set $fuel (i64.sub (global.get $fuel) (i64.const 3)))
        (if (i64.lt_s (global.get $fuel) (i64.const 0)) (then unreachable)) (br $l)))`),
      { metered: true, fuelLimit: 100n },
    );
    expect(r).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: 100n });
    expect(r.error).toMatch(/^ran out of fuel after 100 of 100 units in function \$spin/);
  });

  it("reports exact fuel consumed on success", async () => {
    const r = await run(
      metered(
        `(func (export "main") (global.set $fuel (i64.sub (global.get $fuel) (i64.const 37))))`,
      ),
      { metered: true, fuelLimit: 100n },
    );
    expect(r).toMatchObject({ success: true, fuelConsumed: 37n });
  });

  it("a refused grow followed by a failure is memory_limit with the cap", async () => {
    const r = await run(
      metered(`(func (export "main")
      (if (i32.eq (memory.grow (i32.const 5)) (i32.const -1)) (then (global.set $refused (i32.const 1))))
      (i32.store (i32.const 200000) (i32.const 1)))`),
      { metered: true, memoryLimitBytes: 2 * 65_536 },
    );
    expect(r.errorKind).toBe("memory_limit");
    expect(r.error).toMatch(
      /^the guest asked for more memory than the cap of 128 KiB, then failed: memory access out of bounds/,
    );
  });

  it("an exit reported by a host binding is a typed outcome: 0 succeeds, others are exit", async () => {
    const exitWith = (): HostBindingFactory => () => {
      let exited: number | undefined;
      return {
        module: {
          name: "proc",
          functions: {
            exit: {
              signature: { params: ["i32"], results: [] },
              fn: (c: number) => {
                exited = c;
                throw new Error("exit");
              },
            },
          },
        },
        exitCode: () => exited,
      };
    };
    const source = (code: number) =>
      `(module (import "proc" "exit" (func $exit (param i32))) (func (export "_start") (call $exit (i32.const ${code})) unreachable))`;
    const ok = await run(source(0), { allowedImports: ["proc.exit"] }, [exitWith()]);
    expect(ok).toMatchObject({ success: true, exitCode: 0 });
    const bad = await run(source(3), { allowedImports: ["proc.exit"] }, [exitWith()]);
    expect(bad).toMatchObject({
      success: false,
      errorKind: "exit",
      exitCode: 3,
      error: "the guest exited with code 3",
    });
  });
});
