import { describe, expect, it } from "vitest";
import { z } from "../zod";
import { WasmSandbox } from "../sandbox";
import { nodeRuntime } from "../testing/node-runtime";
import { wat } from "../testing/wat";
import { toCpuProfile, toSpeedscope } from "./export";

const FIB = `(module
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "main") (result i32) (call $fib (i32.const 12))))`;

async function profiled() {
  await using sandbox = new WasmSandbox({ allowedImports: [] }, nodeRuntime());
  const r = await sandbox.execute(await wat(FIB, { names: true }), { profile: true });
  if (!r.profile || r.fuelConsumed === undefined) throw new Error("no profile");
  return { profile: r.profile, fuel: Number(r.fuelConsumed) };
}

const count = z.number().int().nonnegative();

const speedscopeSchema = z.object({
  $schema: z.literal("https://www.speedscope.app/file-format-schema.json"),
  shared: z.object({ frames: z.array(z.object({ name: z.string().min(1) })) }),
  profiles: z
    .array(
      z.object({
        type: z.literal("sampled"),
        name: z.string(),
        unit: z.literal("none"),
        startValue: z.literal(0),
        endValue: count,
        samples: z.array(z.array(count).min(1)),
        weights: z.array(count),
      }),
    )
    .length(1),
  name: z.string(),
  activeProfileIndex: z.literal(0),
  exporter: z.string(),
});

const cpuProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number().int().positive(),
      callFrame: z.object({
        functionName: z.string(),
        scriptId: z.string(),
        url: z.string(),
        lineNumber: z.number(),
        columnNumber: z.number(),
      }),
      hitCount: count,
      children: z.array(z.number().int().positive()),
    }),
  ),
  startTime: z.literal(0),
  endTime: count,
  samples: z.array(z.number().int().positive()),
  timeDeltas: z.array(count),
});

describe("profile export", () => {
  it("writes speedscope's format, weights adding up to fuelConsumed", async () => {
    const { profile, fuel } = await profiled();
    const file = speedscopeSchema.parse(JSON.parse(JSON.stringify(toSpeedscope(profile))));
    const [p] = file.profiles;
    expect(p.samples.length).toBe(p.weights.length);
    expect(p.weights.reduce((a, b) => a + b, 0)).toBe(fuel);
    expect(p.endValue).toBe(fuel);
    const frames = file.shared.frames.map((f) => f.name);
    expect(frames).toEqual(["main", "fib"]);
    for (const stack of p.samples) {
      for (const at of stack) expect(at).toBeLessThan(frames.length);
      expect(frames[stack[0]]).toBe("main");
    }
    // The deepest path: main, then fib(12) → … → fib(1), twelve fibs.
    expect(Math.max(...p.samples.map((s) => s.length))).toBe(13);
  });

  it("writes Chrome's .cpuprofile, hit counts and time deltas adding up to fuelConsumed", async () => {
    const { profile, fuel } = await profiled();
    const cpu = cpuProfileSchema.parse(JSON.parse(JSON.stringify(toCpuProfile(profile))));
    expect(cpu.nodes.reduce((s, n) => s + n.hitCount, 0)).toBe(fuel);
    expect(cpu.timeDeltas.reduce((a, b) => a + b, 0)).toBe(fuel);
    expect(cpu.endTime).toBe(fuel);
    expect(cpu.samples.length).toBe(cpu.timeDeltas.length);
    const ids = new Set(cpu.nodes.map((n) => n.id));
    expect(ids.size).toBe(cpu.nodes.length);
    for (const n of cpu.nodes) for (const c of n.children) expect(ids.has(c)).toBe(true);
    for (const s of cpu.samples) expect(ids.has(s)).toBe(true);
    // Every node but the root is some node's child, exactly once.
    const children = cpu.nodes.flatMap((n) => n.children);
    expect(new Set(children).size).toBe(cpu.nodes.length - 1);
    expect(cpu.nodes[0].callFrame.functionName).toBe("(root)");
    // Each sample's own fuel is the delta after it.
    cpu.samples.slice(0, -1).forEach((id, i) => {
      const node = cpu.nodes.find((n) => n.id === id);
      expect(cpu.timeDeltas[i + 1]).toBe(node?.hitCount);
    });
  });
});
