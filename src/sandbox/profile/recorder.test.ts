// The recorder (recorder.wat's hot path, recorder.ts's layout) against a plain model of the
// same rules: a shadow stack over a call tree, fuel between two hooks to the node on top.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wat } from "../testing/wat";
import { ProfileRecorder } from "./recorder";
import { RECORDER_WASM } from "./recorder-module";

/** The rules, in the plainest code: nodes numbered in order of first use, as the recorder does. */
class ModelRecorder {
  func = [-1];
  parent = [-1];
  calls = [0];
  self = [0];
  stack = [0];
  last = 0;
  truncated = false;
  private readonly child = new Map<string, number>();
  private readonly first = new Map<number, number>();
  constructor(private readonly maxNodes: number) {}
  enter(f: number, consumed: number): number {
    const top = this.stack[this.stack.length - 1];
    this.self[top] += consumed - this.last;
    this.last = consumed;
    let node = this.child.get(`${top},${f}`);
    if (node === undefined) {
      if (this.func.length >= this.maxNodes) {
        this.truncated = true;
        node = this.first.get(f);
      }
      if (node === undefined) {
        node = this.func.push(f) - 1;
        this.parent.push(top);
        this.calls.push(0);
        this.self.push(0);
        if (!this.first.has(f)) this.first.set(f, node);
        if (this.func.length <= this.maxNodes) this.child.set(`${top},${f}`, node);
      }
    }
    this.calls[node]++;
    this.stack.push(node);
    return this.stack.length - 1;
  }
  settle(depth: number, consumed: number): void {
    this.self[this.stack[this.stack.length - 1]] += consumed - this.last;
    this.last = consumed;
    if (depth >= 0 && depth < this.stack.length - 1) this.stack.length = depth + 1;
  }
}

/** A deterministic pseudo-random walk of calls, returns, tail calls and unwinds. */
function drive(steps: number, funcs: number, seed: number, maxNodes: number, enters = 5) {
  const recorder = new ProfileRecorder(maxNodes);
  const model = new ModelRecorder(maxNodes);
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % n;
  };
  let consumed = 0;
  const depths: number[] = [];
  let deepest = 0;
  for (let i = 0; i < steps; i++) {
    // Halfway, back to the root and the same walk again: every path is looked up, not added.
    if (i === steps / 2) {
      state = seed;
      depths.length = 0;
      recorder.settle(0, consumed);
      model.settle(0, consumed);
    }
    consumed += next(7);
    const choice = next(10);
    if (choice < enters || depths.length === 0) {
      const f = next(funcs);
      const d = recorder.enter(f, consumed);
      expect(d).toBe(model.enter(f, consumed));
      depths.push(d);
      deepest = Math.max(deepest, d);
    } else if (choice < 9) {
      const d = (depths.pop() as number) - 1;
      recorder.settle(d, consumed);
      model.settle(d, consumed);
    } else if (next(20) === 0) {
      const keep = next(depths.length + 1);
      depths.length = keep;
      recorder.settle(keep, consumed);
      model.settle(keep, consumed);
    }
  }
  expect(depths).toEqual(model.stack.slice(1).map((_, i) => i + 1));
  return {
    columns: recorder.finish(consumed + 5, () => undefined),
    model,
    consumed: consumed + 5,
    deepest,
  };
}

describe("profile recorder", () => {
  it("embeds the bytes wabt makes of recorder.wat", async () => {
    const source = readFileSync(new URL("./recorder.wat", import.meta.url), "utf8");
    expect(await wat(source, { features: {} })).toEqual(RECORDER_WASM);
  });

  it.each([
    ["a few paths", 2_000, 3, 1, 5, 1],
    ["thousands of paths and a deep stack (the memory's regions grow)", 40_000, 40, 7, 6, 5_000],
  ])("records %s as the model does", (_, steps, funcs, seed, enters, paths) => {
    const { columns, model, consumed, deepest } = drive(steps, funcs, seed, 1_000_000, enters);
    expect(columns.func.length).toBeGreaterThan(paths);
    if (paths > 1) expect(deepest).toBeGreaterThan(300); // past the first 256 frames
    model.settle(-1, consumed);
    expect(Array.from(columns.func)).toEqual(model.func);
    expect(Array.from(columns.parent)).toEqual(model.parent);
    expect(Array.from(columns.calls)).toEqual(model.calls);
    expect(Array.from(columns.self)).toEqual(model.self);
    expect(columns.self.reduce((a, b) => a + b, 0)).toBe(consumed);
    expect(columns.truncated).toBe(false);
  });

  it("folds paths past its node limit into the function's first node, counts still exact", () => {
    const { columns, model, consumed } = drive(20_000, 30, 3, 200);
    model.settle(-1, consumed);
    expect(columns.truncated).toBe(true);
    expect(columns.func.length).toBe(200);
    expect(Array.from(columns.calls)).toEqual(model.calls);
    expect(Array.from(columns.self)).toEqual(model.self);
  });
});
