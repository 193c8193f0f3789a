// The engine in a real browser: harness.html exposes the library on window.sandboxLib; every
// run goes through the real toolchain and runner workers.
import { expect, test } from "@playwright/test";
import { EngineHarness } from "./engine-harness";

const MIB = 1024 * 1024;

test.describe("engine: the original design's tests", () => {
  test("a module returning 42 succeeds, in under a second", async ({ page }) => {
    const harness = new EngineHarness(page);
    await harness.open();
    const r = await harness.run("answer", { maxMemoryBytes: 64 * MIB, timeoutMs: 10_000 });
    expect(r.success).toBe(true);
    expect(r.value).toBe(42);
    expect(r.errorKind).toBeUndefined();
    expect(r.executionTimeMs).toBeLessThan(1000);
    expect(r.moduleBytes!.instrumented).toBeGreaterThan(r.moduleBytes!.original);
  });

  test("an infinite loop with a 1 s timeout fails with timeout", async ({ page }) => {
    const harness = new EngineHarness(page);
    await harness.open();
    const r = await harness.run("infinite-loop", { timeoutMs: 1000 });
    expect(r.success).toBe(false);
    expect(r.errorKind).toBe("timeout");
    expect(r.error!.toLowerCase()).toContain("timeout");
    expect(r.error).toContain("while running the entry");
  });
});

test.describe("engine: limits and failures", () => {
  let harness: EngineHarness;
  test.beforeEach(async ({ page }) => {
    harness = new EngineHarness(page);
    await harness.open();
  });

  test("fuel exhaustion ends an endless loop at exactly the budget", async () => {
    const r = await harness.run("infinite-loop", { maxFuel: 100_000, timeoutMs: 10_000 });
    expect(r).toMatchObject({
      success: false,
      errorKind: "fuel_exhausted",
      fuelConsumed: "100000",
    });
    expect(r.error).toMatch(/ran out of fuel after 100000 of 100000 units in function/);
  });

  test("a memory bomb ends in memory_limit at the cap", async () => {
    const r = await harness.run("memory-bomb", { maxMemoryBytes: 2 * MIB, timeoutMs: 10_000 });
    expect(r).toMatchObject({
      success: false,
      errorKind: "memory_limit",
      memoryUsedBytes: 2 * MIB,
    });
    expect(r.error).toContain("cap of 2 MiB");
  });

  test("the memory cap bounds the total of all memories, and memory used is the total", async () => {
    const refused = await harness.run("eight-memories", { maxMemoryBytes: 64 * MIB });
    expect(refused.errorKind).toBe("memory_limit");
    expect(refused.error).toContain("8 memories declare initial sizes that add up to 8,192 pages");
    // Cap 16 pages: memory $a holds 8, so $b grows to 8 pages and no further.
    const cap = { maxMemoryBytes: 1 * MIB, timeoutMs: 10_000 };
    const grown = await harness.run("two-memories", cap);
    expect(grown).toMatchObject({ success: true, value: 8, memoryUsedBytes: 1 * MIB });
    const bomb = await harness.run("two-memories", cap, { entry: "bomb" });
    expect(bomb).toMatchObject({ errorKind: "memory_limit", memoryUsedBytes: 1 * MIB });
  });

  test("a denied import is named in the error", async () => {
    const r = await harness.run("denied-import", {});
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain(
      "env.read_secret (func (param i32) (result i32)): not in allowedImports",
    );
  });

  test("env.log imported with the wrong signature is denied", async () => {
    const r = await harness.run("wrong-signature-log", {});
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain("env.log (func (param i64 f64) (result i32)): wrong signature");
  });

  test("a trap reports V8's message and the function", async () => {
    const r = await harness.run("divide-by-zero", {}, { entry: "divide", args: [1, 0] });
    expect(r.errorKind).toBe("trap");
    expect(r.error).toMatch(/divide by zero in function .*divide/);
  });

  test("a trap in a loop reports the exact fuel (the run is recounted) and its output once", async () => {
    const r = await harness.run("loop-then-trap", {});
    expect(r).toMatchObject({ errorKind: "trap", output: "hi\n", fuelConsumed: "93" });
    expect(r.error).toMatch(/out of bounds/);
    const realClocks = await harness.run("loop-then-trap", { deterministic: false });
    expect(realClocks).toMatchObject({ errorKind: "trap", output: "hi\n", fuelConsumed: "93" });
  });

  test("a trap inside a callee Chromium inlined is still recounted to the exact fuel", async () => {
    const r = await harness.run("inlined-trap", {});
    expect(r.errorKind).toBe("trap");
    expect(r.error).toMatch(/out of bounds in function \$sum4/);
    const exact = await harness.run("inlined-trap", { deterministic: false });
    expect(exact.errorKind).toBe("trap");
    expect(r.fuelConsumed).toBe(exact.fuelConsumed);
  });

  test("unbounded recursion is a stack overflow", async () => {
    const r = await harness.run("recursion", {}, { args: [0] });
    expect(r.errorKind).toBe("stack_overflow");
  });

  test("a start function that loops forever is timed out during instantiation", async () => {
    const r = await harness.run("start-loop", { timeoutMs: 1000 });
    expect(r.errorKind).toBe("timeout");
    expect(r.error).toContain("while instantiating");
  });

  test("fuel running out inside a start function is fuel_exhausted, not a trap", async () => {
    const r = await harness.run("start-loop", { maxFuel: 50_000, timeoutMs: 10_000 });
    expect(r).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: "50000" });
    expect(r.error).toMatch(
      /ran out of fuel after 50000 of 50000 units in function .*init.*\(in the start function\)/,
    );
  });

  test("a stubbed import links without an allow-list entry and traps, named, when called", async () => {
    const stubImports = ["env.missing_feature"];
    const [unused, called] = await harness.runInOneSandbox({}, [
      { fixture: "stub-import", options: { stubImports } },
      { fixture: "stub-import", options: { stubImports, entry: "use_it" } },
    ]);
    expect(unused).toMatchObject({ success: true, value: 1 });
    expect(called!.errorKind).toBe("trap");
    expect(called!.error).toContain(
      "import env.missing_feature was called, but it is only a stub (no host provides it)",
    );
  });

  test("a run right after a timeout succeeds in the same sandbox", async () => {
    const [timedOut, next] = await harness.runInOneSandbox({ timeoutMs: 1000 }, [
      { fixture: "infinite-loop" },
      { fixture: "answer" },
    ]);
    expect(timedOut!.errorKind).toBe("timeout");
    expect(next).toMatchObject({ success: true, value: 42 });
  });

  test("Stop ends a run at once, and the sandbox stays usable", async () => {
    const [stopped, next] = await harness.runInOneSandbox({ timeoutMs: 30_000 }, [
      { fixture: "infinite-loop", stopAfterMs: 300 },
      { fixture: "answer" },
    ]);
    expect(stopped!.errorKind).toBe("timeout");
    expect(stopped!.error).toContain("stopped by the user");
    expect(stopped!.wallMs).toBeLessThan(10_000);
    expect(next).toMatchObject({ success: true, value: 42 });
  });

  test("env.log output reaches the result", async () => {
    const r = await harness.run("hello-log", {});
    expect(r).toMatchObject({ success: true, output: "hello from wasm\n" });
  });
});

test.describe("engine: worker lifecycle", () => {
  test("a worker that dies mid-call is reported as a crash at once, not at the timeout", async ({
    page,
  }) => {
    const harness = new EngineHarness(page);
    await harness.open();
    const outcome = await page.evaluate(async () => {
      // Speaks the connect protocol of runtime/worker-endpoint.ts, takes its life lock, then dies.
      const source = `self.onmessage = (e) => {
        navigator.locks.request(e.data.lockName, () => {
          self.postMessage({ type: "wasm-sandbox:locked", held: true });
          setTimeout(() => self.close(), 100);
          return new Promise(() => {});
        });
      };`;
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      const handle = new window.engineInternals.WorkerHandle<{ work(): Promise<void> }>(
        new Worker(url),
      );
      const started = performance.now();
      const result = await handle.call((remote) => remote.work(), 20_000);
      return { ...result, ms: performance.now() - started, alive: handle.alive };
    });
    expect(outcome).toMatchObject({ ok: false, reason: "crash", alive: false });
    expect(outcome.ms).toBeLessThan(5_000);
  });
});

test.describe("engine: the toolchain worker", () => {
  test("compiles WAT and AssemblyScript (the original design's examples), then runs them", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const harness = new EngineHarness(page);
    await harness.open();
    const results = await harness.evaluate(async () => {
      const { sharedToolchain, WasmSandbox } = window.sandboxLib;
      const toolchain = sharedToolchain();
      // Not `await using`: Playwright's transform of this function does not survive it.
      const sandbox = new WasmSandbox({ maxFuel: 10_000_000 });
      const wat = await toolchain.compileWat(
        `(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`,
      );
      const as = await toolchain.compileAssemblyScript(
        `export function fibonacci(n: i32): i32 { return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2); }`,
      );
      if (!wat.ok || !as.ok) return { error: JSON.stringify({ wat, as }) };
      const info = await toolchain.inspect(wat.bytes);
      const add = await sandbox.execute(wat.bytes, { entry: "add", args: [5, 7] });
      const fib = await sandbox.execute(as.bytes, { entry: "fibonacci", args: [20] });
      const again = await sandbox.execute(as.bytes, { entry: "fibonacci", args: [20] });
      await sandbox.close();
      return {
        exports: info.ok ? info.info.exports.map((e) => e.name) : info.message,
        add: add.value,
        fib: fib.value,
        fuel: [String(fib.fuelConsumed), String(again.fuelConsumed)],
        cachedInstrumentMs: again.timings.instrumentMs,
      };
    });
    expect(results).toMatchObject({ exports: ["add"], add: 12, fib: 6765, cachedInstrumentMs: 0 });
    expect(results.fuel![0]).toBe(results.fuel![1]);
  });
});
