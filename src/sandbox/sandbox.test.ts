import { describe, expect, it } from "vitest";
import { SandboxConfigError } from "./config";
import { WasmSandboxManager } from "./manager";
import { OUTPUT_HEAD_CHARS } from "./output-blobs";
import { WasmSandbox } from "./sandbox";
import { nodeRuntime } from "./testing/node-runtime";
import { wat } from "./testing/wat";

const answer = () => wat(`(module (func (export "main") (result i32) i32.const 42))`);

/** The runtime, noting each instrument() call's lazyCounter (a recount asks for false). */
function watchLazyCounter(runtime: ReturnType<typeof nodeRuntime>) {
  const lazyFlags: (boolean | undefined)[] = [];
  const watched = {
    ...runtime,
    instrument: (bytes: Uint8Array, limits: Parameters<typeof runtime.instrument>[1]) => {
      lazyFlags.push(limits.lazyCounter);
      return runtime.instrument(bytes, limits);
    },
  };
  return { runtime: watched, lazyFlags };
}

/** Runs `bytes` in a deterministic sandbox and in an exact one (deterministic: false). */
async function lazyAndExact(bytes: Uint8Array) {
  const { runtime, lazyFlags } = watchLazyCounter(nodeRuntime());
  await using sandbox = new WasmSandbox({ allowedImports: [] }, runtime);
  await using exact = new WasmSandbox({ allowedImports: [], deterministic: false }, nodeRuntime());
  const r = await sandbox.execute(bytes);
  return { r, reference: await exact.execute(bytes), lazyFlags };
}

describe("WasmSandbox", () => {
  it("refuses a bad config at construction, naming the field", () => {
    expect(() => new WasmSandbox({ timeoutMs: -5 }, nodeRuntime())).toThrow(SandboxConfigError);
    expect(() => new WasmSandbox({ timeoutMs: -5 }, nodeRuntime())).toThrow(/timeoutMs/);
  });

  it("runs the pipeline: instrument, run, and report sizes, fuel and timings", async () => {
    await using sandbox = new WasmSandbox({ maxFuel: 1000 }, nodeRuntime());
    const bytes = await answer();
    const r = await sandbox.execute(bytes);
    expect(r).toMatchObject({
      success: true,
      value: 42,
      metered: true,
      fuelLimit: 1000n,
      memoryLimitBytes: 64 * 1024 * 1024,
    });
    expect(r.fuelConsumed).toBeGreaterThan(0n);
    expect(r.moduleBytes!.original).toBe(bytes.length);
    expect(r.moduleBytes!.instrumented).toBeGreaterThan(bytes.length);
    expect(bytes.byteLength).toBe(bytes.length); // the caller's bytes are not detached
    expect(r.timings.instrumentMs).toBeGreaterThanOrEqual(0);
  });

  it("counts fuel without a limit, and not at all when unmetered", async () => {
    await using sandbox = new WasmSandbox({}, nodeRuntime());
    const metered = await sandbox.execute(await answer());
    expect(metered).toMatchObject({ success: true, fuelLimit: undefined });
    expect(metered.fuelConsumed).toBeGreaterThan(0n);
    const unmetered = await sandbox.execute(await answer(), { unmetered: true });
    expect(unmetered).toMatchObject({ success: true, metered: false });
    expect(unmetered.fuelConsumed).toBeUndefined();
  });

  it("returns failures as results: a module over maxModuleBytes, an initial memory over the cap", async () => {
    await using sandbox = new WasmSandbox(
      { maxModuleBytes: 16, maxMemoryBytes: 65_536 },
      nodeRuntime(),
    );
    const big = await sandbox.execute(await answer());
    expect(big).toMatchObject({ success: false, errorKind: "invalid_module" });
    expect(big.error).toMatch(/over maxModuleBytes/);
    await using roomy = new WasmSandbox({ maxMemoryBytes: 65_536 }, nodeRuntime());
    const bomb = await roomy.execute(await wat(`(module (memory 4) (func (export "main")))`));
    expect(bomb).toMatchObject({ success: false, errorKind: "memory_limit" });
  });

  it("streams output to onOutput, stages to onPhase, and keeps output in the result", async () => {
    await using sandbox = new WasmSandbox({}, nodeRuntime());
    const chunks: string[] = [];
    const stages: string[] = [];
    const r = await sandbox.execute(
      await wat(`(module (import "env" "log" (func $log (param i32 i32))) (memory (export "memory") 1)
        (data (i32.const 0) "hi") (func (export "main") (call $log (i32.const 0) (i32.const 2))))`),
      { onOutput: (_stream, text) => chunks.push(text), onPhase: (stage) => stages.push(stage) },
    );
    expect(r).toMatchObject({ success: true, output: "hi" });
    expect(chunks.join("")).toBe("hi");
    expect(stages).toEqual(["instrumenting", "compiling", "instantiating", "running"]);
  });

  it("with outputBlobs, the whole output comes as Blobs and the text fields keep only a head", async () => {
    await using sandbox = new WasmSandbox({ maxOutputBytes: 1 << 20 }, nodeRuntime());
    const streamed: string[] = [];
    // 200 KiB of "ab" pairs and a "€" (3 bytes) on stderr.
    const r = await sandbox.execute(
      await wat(`(module (import "env" "log" (func $log (param i32 i32))) (memory 4)
        (data (i32.const 0) "ab")
        (func (export "main") (local $i i32)
          (loop $fill
            (i32.store16 (local.get $i) (i32.const 0x6261))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br_if $fill (i32.lt_u (local.get $i) (i32.const 204800))))
          (call $log (i32.const 0) (i32.const 204800))))`),
      { outputBlobs: true, onOutput: (_s, text) => streamed.push(text) },
    );
    expect(r.success).toBe(true);
    expect(r.output).toBe("ab".repeat(OUTPUT_HEAD_CHARS / 2));
    expect(r.outputBlob?.size).toBe(204_800);
    expect(await r.outputBlob!.text()).toBe("ab".repeat(102_400));
    expect(r.stderrBlob?.size).toBe(0);
    expect(streamed.join("")).toBe("ab".repeat(102_400));
    const plain = await sandbox.execute(await answer());
    expect(plain.outputBlob).toBeUndefined();
  });

  it("a run that traps in a lazily counted loop is recounted: exact fuel, output once", async () => {
    // main: the log call (3 with its operands) and the oob call (2), then the loop of $oob:
    // 8 per iteration, 10 stores succeed and the 11th traps.
    const trapping = await wat(`(module (import "env" "log" (func $log (param i32 i32)))
      (memory (export "memory") 1) (data (i32.const 0) "hi")
      (func $oob (param $i i32)
        (loop $l
          (i32.store (local.get $i) (i32.const 1))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $l)))
      (func (export "main")
        (call $log (i32.const 0) (i32.const 2))
        (call $oob (i32.const 65496))))`);
    const { runtime: watched, lazyFlags: instrumented } = watchLazyCounter(nodeRuntime());
    const chunks: string[] = [];
    for (const deterministic of [true, false]) {
      await using sandbox = new WasmSandbox({ deterministic }, watched);
      const r = await sandbox.execute(trapping, { onOutput: (_s, text) => chunks.push(text) });
      expect(r).toMatchObject({ success: false, errorKind: "trap", output: "hi" });
      expect(r.error).toMatch(/out of bounds/);
      expect(r.fuelConsumed).toBe(3n + 2n + 8n * 11n);
    }
    // Deterministic: lazy, then the exact recount; with real clocks: exact at once.
    expect(instrumented).toEqual([true, false, false]);
    expect(chunks).toEqual(["hi", "hi"]);
  });

  it("a trap whose count is exact already is not run twice", async () => {
    // $sum keeps a lazy count (a call-free loop); each module fails after it has returned:
    // in a host stub, in `unreachable` in a function without loops, or in a stack overflow
    // raised entering an exported function (which reads the count from the global).
    const sum = `(func $sum (export "sum") (param $n i32) (result i32) (local $acc i32)
      (loop $l
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $acc))`;
    const failing = {
      trap: `(module (import "host" "fetch" (func $fetch)) ${sum}
        (func (export "main") (drop (call $sum (i32.const 50))) (call $fetch)))`,
      unreachable: `(module ${sum}
        (func (export "main") (drop (call $sum (i32.const 50))) unreachable))`,
      stack_overflow: `(module ${sum}
        (func $deep (export "deep") (param $n i32)
          (drop (call $sum (i32.const 3))) (call $deep (local.get $n)))
        (func (export "main") (call $deep (i32.const 1))))`,
    };
    const runtime = nodeRuntime();
    for (const [expected, source] of Object.entries(failing)) {
      const { runtime: watched, lazyFlags } = watchLazyCounter(runtime);
      const bytes = await wat(source);
      await using sandbox = new WasmSandbox({ allowedImports: [] }, watched);
      const r = await sandbox.execute(bytes, { stubImports: ["host.fetch"] });
      expect(r.errorKind, expected).toBe(expected === "unreachable" ? "trap" : expected);
      expect(lazyFlags, expected).toEqual([true]);
      if (expected === "stack_overflow") continue; // its depth depends on the frame sizes
      await using exact = new WasmSandbox({ allowedImports: [], deterministic: false }, runtime);
      const reference = await exact.execute(bytes, { stubImports: ["host.fetch"] });
      expect(r.fuelConsumed, expected).toBe(reference.fuelConsumed);
    }
  });

  it("an unreachable (abort, assert, panic) is not run twice: the count is stored before it", async () => {
    // $fail takes the count as a parameter; $spin keeps it in a local through a call-free
    // loop that hits `unreachable` on its 40th iteration.
    const sources = {
      threaded: `(module (func $fail unreachable)
        (func $work (param $n i32) (result i32) (local.get $n))
        (func (export "main") (drop (call $work (i32.const 3))) (call $fail)))`,
      lazyLoop: `(module
        (func (export "main") (local $i i32)
          (loop $l
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.eq (local.get $i) (i32.const 40)) (then unreachable))
            (br $l))))`,
    };
    for (const [name, source] of Object.entries(sources)) {
      const { r, reference, lazyFlags } = await lazyAndExact(await wat(source));
      expect(r.errorKind, name).toBe("trap");
      expect(r.error, name).toMatch(/unreachable/);
      expect(lazyFlags, name).toEqual([true]);
      expect(r.fuelConsumed, name).toBe(reference.fuelConsumed);
      expect(r.fuelConsumed, name).toBeGreaterThan(name === "lazyLoop" ? 39 * 5 : 3);
    }
  });

  it("an unreachable inside a loop charged in advance is recounted", async () => {
    // A counted loop (clang's do-while shape) that reaches `unreachable` on its 40th
    // iteration: its copy was charged for all 100 at entry, so the count lags and is redone.
    const bytes = await wat(`(module
      (func (export "main") (local $i i32)
        (loop $l
          (if (i32.eq (local.get $i) (i32.const 40)) (then unreachable))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                              (i32.const 100))))))`);
    const { r, reference, lazyFlags } = await lazyAndExact(bytes);
    expect(r.errorKind).toBe("trap");
    expect(r.error).toMatch(/unreachable/);
    expect(lazyFlags).toEqual([true, false]);
    expect(r.fuelConsumed).toBe(reference.fuelConsumed);
  });

  it("a stack overflow entering a threaded function is recounted", async () => {
    // $deep is direct-only, so it takes the count as a parameter: the caller stored nothing.
    const bytes = await wat(`(module
      (func $deep (param $n i32) (result i32)
        (i32.add (call $deep (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
      (func (export "main") (result i32) (call $deep (i32.const 0))))`);
    const { runtime, lazyFlags } = watchLazyCounter(nodeRuntime());
    await using sandbox = new WasmSandbox({ allowedImports: [] }, runtime);
    const r = await sandbox.execute(bytes);
    expect(r.errorKind).toBe("stack_overflow");
    expect(lazyFlags).toEqual([true, false]);
    expect(r.fuelConsumed).toBeGreaterThan(1000);
  });

  it("a trap past the budget, before a threaded call's check, is reported as exhaustion", async () => {
    // Each iteration of $fill (threaded, like $poke) charges its loop and $poke's entry, then
    // calls $poke: the lazy shape checks that charge when $poke returns. Budgets are chosen so that the charge of the
    // iteration whose store is out of bounds is the one that runs out of fuel: the exact
    // shape stops before the store, the lazy one traps in $poke and is recounted.
    const bytes = await wat(`(module (memory 1)
      (func $poke (param $at i32) (i32.store (local.get $at) (i32.const 1)))
      (func $fill (param $at i32)
        (loop $l
          (call $poke (local.get $at))
          (local.set $at (i32.add (local.get $at) (i32.const 4)))
          (br $l)))
      (func (export "main") (param $at i32) (call $fill (local.get $at))))`);
    const start = 65_536 - 12; // the 4th store is out of bounds
    await using exact = new WasmSandbox(
      { allowedImports: [], deterministic: false, maxFuel: 1_000_000 },
      nodeRuntime(),
    );
    const trapped = await exact.execute(bytes, { args: [start] });
    expect(trapped.errorKind).toBe("trap");
    const budget = Number(trapped.fuelConsumed) - 1;
    const { runtime, lazyFlags } = watchLazyCounter(nodeRuntime());
    await using lazy = new WasmSandbox({ allowedImports: [], maxFuel: budget }, runtime);
    await using reference = new WasmSandbox(
      { allowedImports: [], deterministic: false, maxFuel: budget },
      nodeRuntime(),
    );
    const r = await lazy.execute(bytes, { args: [start] });
    const expected = await reference.execute(bytes, { args: [start] });
    expect(expected.errorKind).toBe("fuel_exhausted");
    expect(lazyFlags).toEqual([true, false]);
    expect(r.errorKind).toBe("fuel_exhausted");
    expect(r.fuelConsumed).toBe(expected.fuelConsumed);
    expect(r.error).toBe(expected.error);
  });

  it("a Stop during instrumentation returns at once", async () => {
    const slow = { ...nodeRuntime(), instrument: () => new Promise<never>(() => {}) };
    await using sandbox = new WasmSandbox({}, slow);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const r = await sandbox.execute(await answer(), { signal: controller.signal });
    expect(r).toMatchObject({
      errorKind: "timeout",
      error: "stopped by the user while the module was being instrumented",
    });
  });

  it("an already aborted signal stops before running; a closed sandbox refuses to run", async () => {
    const sandbox = new WasmSandbox({}, nodeRuntime());
    const controller = new AbortController();
    controller.abort();
    const r = await sandbox.execute(await answer(), { signal: controller.signal });
    expect(r).toMatchObject({
      success: false,
      errorKind: "timeout",
      error: "stopped by the user before the run started",
    });
    await sandbox.close();
    await expect(sandbox.execute(await answer())).rejects.toThrow(/closed/);
  });
});

describe("WasmSandboxManager", () => {
  it("creates, runs, lists and closes named sandboxes", async () => {
    const manager = new WasmSandboxManager(nodeRuntime());
    await manager.createSandbox("sandbox-1", { maxFuel: 10_000 });
    await manager.createSandbox("sandbox-2");
    expect(manager.names).toEqual(["sandbox-1", "sandbox-2"]);
    expect(await manager.execute("sandbox-1", await answer())).toMatchObject({
      success: true,
      value: 42,
      fuelLimit: 10_000n,
    });
    expect(manager.get("sandbox-2").config.maxFuel).toBeUndefined();
    await manager.close("sandbox-1");
    expect(manager.has("sandbox-1")).toBe(false);
    await manager.closeAll();
    expect(manager.names).toEqual([]);
  });

  it("an unknown name is a clear error listing the names there are", async () => {
    const manager = new WasmSandboxManager(nodeRuntime());
    await manager.createSandbox("a");
    expect(() => manager.get("b")).toThrow(
      'no sandbox named "b" (sandboxes: "a"); create it with createSandbox first',
    );
    await expect(manager.execute("b", new Uint8Array())).rejects.toThrow(/no sandbox named "b"/);
    await expect(manager.createSandbox("a")).rejects.toThrow(/already exists/);
    await expect(manager.createSandbox("c", { maxFuel: -1 })).rejects.toThrow(SandboxConfigError);
    await manager.closeAll();
  });
});
