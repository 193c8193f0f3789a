// Two playgrounds in one realm (two embeds on a page, two tests in a file) share no state: each
// has its own compiles, its own run to stop and its own sandbox.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ExecutionResult } from "../../sandbox/types";
import { emptyModuleInfo, type ModuleInfo } from "../../sandbox/inspect/module-info";
import type { RunOptions } from "../engine/engine";
import { failedResult } from "../../sandbox/failed-result";

const engine = vi.hoisted(() => ({
  compile: vi.fn(),
  inspect: vi.fn(),
  execute: vi.fn(),
  ENGINE_FEATURES: { stubImports: false },
}));
vi.mock("../engine/engine", () => engine);

const { createPlayground } = await import("./playground");

const info: ModuleInfo = {
  ...emptyModuleInfo(8),
  exports: [{ name: "main", kind: "function", index: 0, signature: { params: [], results: [] } }],
  functionCount: 1,
};

const compiled = { ok: true, bytes: new Uint8Array(8), diagnostics: [], compileMs: 1, info };

/** A run that lasts until its signal aborts, as a runner stopped by Stop does. */
function runUntilAborted(_bytes: Uint8Array, _settings: unknown, options: RunOptions) {
  return new Promise<ExecutionResult>((resolve) =>
    options.signal?.addEventListener("abort", () => resolve(failedResult("timeout", "stopped"))),
  );
}

beforeEach(() => {
  vi.resetAllMocks();
  engine.compile.mockImplementation(() => new Promise((r) => setTimeout(() => r(compiled), 1)));
});

describe("two playgrounds in one realm", () => {
  it("compile the same source each for itself: neither waits on the other's compile", async () => {
    const first = createPlayground();
    const second = createPlayground();
    await Promise.all([first.compileNow(), second.compileNow()]);
    expect(engine.compile).toHaveBeenCalledTimes(2);
    expect(first.store.get().compiled?.info).toEqual(info);
    expect(second.store.get().compiled?.info).toEqual(info);
  });

  it("Stop in one ends its own run, not the other's; each runs in its own sandbox", async () => {
    engine.execute.mockImplementation(runUntilAborted);
    const first = createPlayground();
    const second = createPlayground();
    const firstRun = first.run();
    await vi.waitFor(() => expect(engine.execute).toHaveBeenCalledTimes(1));
    const secondRun = second.run();
    await vi.waitFor(() => expect(engine.execute).toHaveBeenCalledTimes(2));

    first.stop();
    const [[, , firstOptions, firstSandbox], [, , secondOptions, secondSandbox]] = engine.execute
      .mock.calls as [unknown, unknown, RunOptions, unknown][];
    expect(firstOptions.signal?.aborted).toBe(true);
    expect(secondOptions.signal?.aborted).toBe(false);
    expect(second.store.get().running).toBe(true);
    expect(firstSandbox).not.toBe(secondSandbox);

    second.stop();
    await Promise.all([firstRun, secondRun]);
  });
});
