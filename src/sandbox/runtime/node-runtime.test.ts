// The Node runtime for real: worker_threads threads from the package build (built here first,
// ~3 s), driven through WasmSandbox as a library user would.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WasmSandbox, browserRuntime, defaultRuntime } from "..";
import { wat } from "../testing/wat";
import { createNodeRuntime } from "./node-runtime";

const workerDir = new URL("../../../dist-lib/node/", import.meta.url);
let runtime: ReturnType<typeof createNodeRuntime>;

beforeAll(() => {
  execFileSync("npx", ["vite", "build", "-c", "vite.lib.config.ts", "--logLevel", "error"], {
    cwd: new URL("../../..", import.meta.url),
    env: { ...process.env, LIB_TARGET: "node" },
  });
  runtime = createNodeRuntime({ workerDir });
}, 60_000);

afterAll(() => runtime?.toolchain.dispose());

const answer = () => wat(`(module (func (export "main") (result i32) i32.const 42))`);
const endless = () => wat(`(module (func (export "main") (loop $l (br $l))))`);

describe("the Node runtime (worker_threads)", () => {
  it("is the default where there is no Worker", () => {
    expect(typeof Worker).toBe("undefined");
    expect(defaultRuntime()).not.toBe(browserRuntime);
  });

  it("the original design's tests: 42 in under a second; an endless loop times out", async () => {
    await using sandbox = new WasmSandbox({ timeoutMs: 1000 }, runtime);
    const r = await sandbox.execute(await answer());
    expect(r).toMatchObject({ success: true, value: 42, fuelConsumed: 1n });
    expect(r.executionTimeMs).toBeLessThan(1000);
    const loop = await sandbox.execute(await endless());
    expect(loop.errorKind).toBe("timeout");
    expect(loop.error).toContain("timeout");
    // The timed-out thread was replaced: the sandbox runs on.
    expect((await sandbox.execute(await answer())).value).toBe(42);
  });

  it("fuel runs out at exactly the budget; output streams", async () => {
    await using sandbox = new WasmSandbox({ maxFuel: 10_000, timeoutMs: 10_000 }, runtime);
    const r = await sandbox.execute(await endless());
    expect(r).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: 10_000n });
    const streamed: string[] = [];
    const hello = await wat(`(module (import "env" "log" (func $log (param i32 i32)))
      (memory 1) (data (i32.const 0) "hi\\n")
      (func (export "main") (call $log (i32.const 0) (i32.const 3))))`);
    await using logger = new WasmSandbox({ allowedImports: ["env.log"] }, runtime);
    const h = await logger.execute(hello, { onOutput: (_, text) => streamed.push(text) });
    expect(h).toMatchObject({ success: true, output: "hi\n" });
    expect(streamed.join("")).toBe("hi\n");
  });

  it("a JS-heap bomb ends the run as a crash, not the process; a fresh thread runs next", async () => {
    const small = createNodeRuntime({
      workerDir,
      runnerResourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    await using sandbox = new WasmSandbox(
      { allowedImports: ["env.log"], maxOutputBytes: 256 * 1024 * 1024, timeoutMs: 30_000 },
      small,
    );
    // Every call appends 64 KiB to the runner's output: a host buffer that grows without end.
    const bomb = await wat(`(module (import "env" "log" (func $log (param i32 i32)))
      (memory 1) (func (export "main") (loop $l (call $log (i32.const 0) (i32.const 65536)) (br $l))))`);
    const r = await sandbox.execute(bomb);
    expect(r.errorKind).toBe("crash");
    expect(r.error).toMatch(/^crash: /);
    expect((await sandbox.execute(await answer())).value).toBe(42);
    small.toolchain.dispose();
  });
});
