// The first run after a link set limits above the page's defaults waits for the person's answer.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ExecutionResult } from "../../sandbox/types";
import { emptyModuleInfo } from "../../sandbox/inspect/module-info";

const engine = vi.hoisted(() => ({
  compile: vi.fn(),
  inspect: vi.fn(),
  disassemble: vi.fn(),
  execute: vi.fn(),
  ENGINE_FEATURES: { stubImports: false },
}));
vi.mock("../engine/engine", () => engine);

const { createPlayground } = await import("./playground");
const { DEFAULT_LIMITS } = await import("../state/defaults");

const done: ExecutionResult = {
  success: true,
  value: 1,
  output: "",
  stderr: "",
  executionTimeMs: 1,
  memoryUsedBytes: 0,
  memoryLimitBytes: 65536,
  timings: { compileMs: 0, instrumentMs: 0, instantiateMs: 0, runMs: 1 },
  metered: true,
};

beforeEach(() => {
  vi.resetAllMocks();
  engine.compile.mockResolvedValue({
    ok: true,
    bytes: new Uint8Array(8),
    diagnostics: [],
    compileMs: 1,
    info: emptyModuleInfo(8),
  });
  engine.execute.mockResolvedValue(done);
});

function linkedPlayground(limits: Partial<typeof DEFAULT_LIMITS>) {
  const pg = createPlayground();
  pg.setLimits(limits);
  pg.reviewLimits("link");
  return pg;
}

describe("limits a link raised", () => {
  it("wait for the person's answer before the first run, then run with them", async () => {
    const pg = linkedPlayground({ fuel: null, timeoutMs: 600_000 });
    const run = pg.run();
    await new Promise((r) => setTimeout(r, 10));
    expect(engine.execute).not.toHaveBeenCalled();
    expect(pg.store.get().limitReview).toEqual({ from: "link", asking: true });
    pg.decideLimits("asked");
    await run;
    const config = engine.execute.mock.calls[0]![1].config;
    expect(config.timeoutMs).toBe(600_000);
    expect("maxFuel" in config).toBe(false);
    expect(pg.store.get().limitReview).toBeNull();
    // Asked once: the next run goes straight through.
    await pg.run();
    expect(engine.execute).toHaveBeenCalledTimes(2);
  });

  it("'Use default limits' brings only what is above the defaults down to them", async () => {
    const pg = linkedPlayground({ memoryMiB: 4096, timeoutMs: 100, outputKiB: 262_144 });
    pg.store.set((s) => ({
      allowList: [...s.allowList, "env.*"],
      io: { ...s.io, deterministic: false },
    }));
    const run = pg.run();
    pg.decideLimits("defaults");
    await run;
    const config = engine.execute.mock.calls[0]![1].config;
    expect(config.maxMemoryBytes).toBe(DEFAULT_LIMITS.memoryMiB * 1024 * 1024);
    expect(config.maxOutputBytes).toBe(DEFAULT_LIMITS.outputKiB * 1024);
    expect(config.timeoutMs).toBe(100); // below the default: kept
    expect(config.deterministic).toBeUndefined();
    expect(pg.store.get().allowList).not.toContain("env.*");
  });

  it("values below the defaults run without a question", async () => {
    const pg = linkedPlayground({ fuel: 1_000n, memoryMiB: 1 });
    await pg.run();
    expect(engine.execute).toHaveBeenCalledTimes(1);
    expect(pg.store.get().limitReview).toBeNull();
  });
});
