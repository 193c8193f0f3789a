// The run pipeline against a fake engine: what reaches the dashboard, and what is dropped.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ExecutionResult } from "../../sandbox/types";
import { emptyModuleInfo, type ModuleInfo } from "../../sandbox/inspect/module-info";

const engine = vi.hoisted(() => ({
  compile: vi.fn(),
  inspect: vi.fn(),
  disassemble: vi.fn(),
  execute: vi.fn(),
  optimize: vi.fn(),
  ENGINE_FEATURES: { stubImports: false },
}));
vi.mock("../engine/engine", () => engine);

const { createPlayground } = await import("./playground");

const info: ModuleInfo = {
  ...emptyModuleInfo(8),
  imports: [
    {
      module: "env",
      name: "log",
      kind: "function",
      signature: { params: ["i32", "i32"], results: [] },
    },
  ],
  exports: [
    {
      name: "add",
      kind: "function",
      index: 0,
      signature: { params: ["i32", "i64"], results: ["i32"] },
    },
  ],
  functionCount: 1,
};

function ok(value: number): ExecutionResult {
  return {
    success: true,
    value,
    output: "",
    stderr: "",
    executionTimeMs: 1,
    memoryUsedBytes: 0,
    memoryLimitBytes: 65536,
    timings: { compileMs: 0, instrumentMs: 0, instantiateMs: 0, runMs: 1 },
    metered: true,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  engine.compile.mockResolvedValue({
    ok: true,
    bytes: new Uint8Array([0, 97, 115, 109]),
    diagnostics: [],
    compileMs: 3,
    info,
  });
});

describe("run", () => {
  it("compiles, converts typed arguments and passes limits and imports to the engine", async () => {
    engine.execute.mockResolvedValue(ok(12));
    const pg = createPlayground();
    pg.setLimits({ fuel: 5_000n, memoryMiB: 1, timeoutMs: 100 });
    const result = await pg.run({ entry: "add", args: ["5", "7"] });
    expect(result.value).toBe(12);
    const [, settings, options] = engine.execute.mock.calls[0]!;
    expect(options.args).toEqual([5, 7n]);
    // The compile's reply described the module: its bytes were not sent back to be inspected.
    expect(engine.inspect).not.toHaveBeenCalled();
    expect(options.entry).toBe("add");
    expect(settings.config).toMatchObject({
      maxFuel: 5_000n,
      maxMemoryBytes: 1024 * 1024,
      timeoutMs: 100,
      allowedImports: ["env.log"],
    });
    expect(pg.store.get().result?.result.value).toBe(12);
    expect(pg.store.get().history).toHaveLength(1);
  });

  it("refuses bad arguments without calling the engine, naming the field", async () => {
    const pg = createPlayground();
    const result = await pg.run({ entry: "add", args: ["x", "1"] });
    expect(result.errorKind).toBe("invalid_config");
    expect(result.error).toContain("argument 1 (i32)");
    expect(engine.execute).not.toHaveBeenCalled();
  });

  it("a compile failure becomes a compile_error result with diagnostics for the editor", async () => {
    engine.compile.mockResolvedValue({
      ok: false,
      message: "Line 2: unexpected token",
      diagnostics: [{ message: "unexpected token", line: 2, severity: "error" }],
    });
    const pg = createPlayground();
    const result = await pg.run();
    expect(result.errorKind).toBe("compile_error");
    expect(pg.store.get().diagnostics[0]?.line).toBe(2);
    expect(pg.store.get().console.lines.some((e) => e.text.includes("compile_error"))).toBe(true);
  });

  it("a denied import is left out of the allow-list", async () => {
    engine.execute.mockResolvedValue(ok(1));
    const pg = createPlayground();
    pg.setImportAllowed("env", "log", false);
    await pg.run({ entry: "add", args: ["1", "2"] });
    expect(engine.execute.mock.calls[0]![1].config.allowedImports).toEqual([]);
  });

  it("a run superseded by a newer one never reaches the dashboard", async () => {
    let finishFirst: (r: ExecutionResult) => void = () => undefined;
    engine.execute
      .mockImplementationOnce(
        () => new Promise<ExecutionResult>((resolve) => (finishFirst = resolve)),
      )
      .mockResolvedValueOnce(ok(2));
    const pg = createPlayground();
    const first = pg.run({ entry: "add", args: ["1", "1"] });
    await vi.waitFor(() => expect(engine.execute).toHaveBeenCalledTimes(1));
    const second = await pg.run({ entry: "add", args: ["1", "1"] });
    finishFirst(ok(1));
    await first;
    expect(second.value).toBe(2);
    expect(pg.store.get().result?.result.value).toBe(2);
    expect(pg.store.get().history.map((h) => h.result.value)).toEqual([2]);
  });

  it("with binaryen on, compareOptimize also runs the module as built, metered and not profiled", async () => {
    const optimized = new Uint8Array([0, 97, 115, 109, 1]);
    engine.optimize.mockResolvedValue({ ok: true, bytes: optimized, optimizeMs: 4 });
    engine.execute.mockResolvedValueOnce({ ...ok(3), fuelConsumed: 10 });
    const pg = createPlayground();
    pg.setOptimize("Oz");
    pg.setProfileRuns(true);
    await pg.run({ entry: "add", args: ["1", "2"] });
    expect(engine.execute).toHaveBeenCalledTimes(1); // not asked for: one run
    engine.execute
      .mockResolvedValueOnce({ ...ok(3), fuelConsumed: 10 })
      .mockResolvedValueOnce({ ...ok(3), fuelConsumed: 15 });
    await pg.run({ entry: "add", args: ["1", "2"], compareOptimize: true });
    const [[withIt, , withOptions], [without, , withoutOptions]] =
      engine.execute.mock.calls.slice(1);
    expect(withIt).toBe(optimized);
    expect(without).toEqual(new Uint8Array([0, 97, 115, 109]));
    expect(withOptions.profile).toBe("columns");
    expect(withoutOptions.profile).toBeUndefined();
    expect(withoutOptions.unmetered).toBe(false);
    const record = pg.store.get().result!;
    expect(record.result.fuelConsumed).toBe(10);
    expect(record.withoutOptimize?.fuelConsumed).toBe(15);
    expect(record.optimized).toMatchObject({ level: "Oz", beforeBytes: 4, afterBytes: 5 });
  });

  it("compare runs the same module unmetered too and keeps both results", async () => {
    engine.execute.mockResolvedValueOnce(ok(3)).mockResolvedValueOnce({ ...ok(3), metered: false });
    const pg = createPlayground();
    await pg.run({ entry: "add", args: ["1", "2"], compareUnmetered: true });
    expect(engine.execute.mock.calls[1]![2].unmetered).toBe(true);
    expect(pg.store.get().result?.unmetered?.metered).toBe(false);
  });
});
