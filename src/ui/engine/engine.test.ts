// The adapter's run path against a fake engine module: the sandbox's stage callback reaches the
// page in the page's words, once per change, with no listener left behind between runs.
import { describe, expect, it, vi } from "vitest";
import type { RunStage, SandboxExecuteOptions } from "../../sandbox/sandbox";
import type { ExecutionResult } from "../../sandbox/types";

const stagesOfNextRun = vi.hoisted(() => ({ value: [] as string[] }));

vi.mock("./engine-lazy", () => ({
  sandboxFor: () => ({
    execute: (_bytes: Uint8Array, options: SandboxExecuteOptions) => {
      for (const stage of stagesOfNextRun.value) options.onPhase?.(stage as RunStage);
      return Promise.resolve({ success: true } as ExecutionResult);
    },
  }),
}));

const { execute } = await import("./engine");

async function phasesOf(stages: RunStage[], unmetered: boolean): Promise<string[]> {
  stagesOfNextRun.value = stages;
  const seen: string[] = [];
  await execute(
    new Uint8Array(),
    { config: {}, bindings: [] },
    { unmetered, onPhase: (phase) => seen.push(phase) },
    { current: null },
  );
  return seen;
}

describe("execute's phases", () => {
  it("tells instrumenting, then running once for the runner's compile, instantiate and run", async () => {
    const all: RunStage[] = ["instrumenting", "compiling", "instantiating", "running"];
    expect(await phasesOf(all, false)).toEqual(["instrumenting", "running"]);
  });

  it("calls an unmetered run's whole pipeline running", async () => {
    const all: RunStage[] = ["instrumenting", "compiling", "instantiating", "running"];
    expect(await phasesOf(all, true)).toEqual(["running"]);
  });

  it("tells only what the sandbox reports (a recount reports nothing more)", async () => {
    expect(await phasesOf(["instrumenting"], false)).toEqual(["instrumenting"]);
    expect(await phasesOf([], false)).toEqual([]);
  });
});
