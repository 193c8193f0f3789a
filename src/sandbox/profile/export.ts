// A FuelProfile in the formats profilers already open, with fuel as the weight: speedscope's
// file format (https://www.speedscope.app/file-format-schema.json) and Chrome DevTools'
// .cpuprofile. One sample per call path with own fuel, weighted by that fuel, so the weights add
// up to fuelConsumed. Plain data out (JSON-ready; weights are numbers, exact below 2^53).
import type { FuelProfile } from "./types";

function frameName(names: Map<number, string>, index: number): string {
  return names.get(index) ?? `function[${index}]`;
}

function namesOf(profile: FuelProfile): Map<number, string> {
  const names = new Map<number, string>();
  for (const f of profile.functions) if (f.name !== undefined) names.set(f.index, f.name);
  return names;
}

export interface SpeedscopeFile {
  $schema: "https://www.speedscope.app/file-format-schema.json";
  shared: { frames: { name: string }[] };
  profiles: {
    type: "sampled";
    name: string;
    unit: "none";
    startValue: number;
    endValue: number;
    samples: number[][];
    weights: number[];
  }[];
  name: string;
  activeProfileIndex: number;
  exporter: string;
}

/** speedscope's sampled profile: each sample a stack of frame indices, root first. */
export function toSpeedscope(profile: FuelProfile, name = "fuel"): SpeedscopeFile {
  const names = namesOf(profile);
  const frameOf = new Map<number, number>();
  const frames: { name: string }[] = [];
  const frame = (index: number) => {
    let at = frameOf.get(index);
    if (at === undefined) {
      at = frames.push({ name: frameName(names, index) }) - 1;
      frameOf.set(index, at);
    }
    return at;
  };
  const stacks: number[][] = [];
  const samples: number[][] = [];
  const weights: number[] = [];
  profile.callTree.forEach((node, i) => {
    const stack = [...(node.parent >= 0 ? stacks[node.parent] : []), frame(node.function)];
    stacks[i] = stack;
    if (node.selfFuel > 0n) {
      samples.push(stack);
      weights.push(Number(node.selfFuel));
    }
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    $schema: "https://www.speedscope.app/file-format-schema.json",
    shared: { frames },
    profiles: [
      { type: "sampled", name, unit: "none", startValue: 0, endValue: total, samples, weights },
    ],
    name,
    activeProfileIndex: 0,
    exporter: "wasm-sandbox",
  };
}

export interface CpuProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    scriptId: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  hitCount: number;
  children: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Chrome's .cpuprofile, a unit of fuel standing for a microsecond: node 1 is "(root)", each
 * call path a node whose hitCount is its own fuel. Samples follow DevTools' reading (a sample
 * lasts until the next one): each path with own fuel is sampled once and the next delta is its
 * fuel; a last "(root)" sample closes the final interval.
 */
export function toCpuProfile(profile: FuelProfile): CpuProfile {
  const names = namesOf(profile);
  const frame = (functionName: string) => ({
    functionName,
    scriptId: "0",
    url: "",
    lineNumber: -1,
    columnNumber: -1,
  });
  const nodes: CpuProfileNode[] = [
    { id: 1, callFrame: frame("(root)"), hitCount: 0, children: [] },
  ];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let pending = 0;
  profile.callTree.forEach((node, i) => {
    const id = i + 2;
    const weight = Number(node.selfFuel);
    nodes.push({
      id,
      callFrame: frame(frameName(names, node.function)),
      hitCount: weight,
      children: [],
    });
    nodes[node.parent >= 0 ? node.parent + 1 : 0].children.push(id);
    if (weight > 0) {
      samples.push(id);
      timeDeltas.push(pending);
      pending = weight;
    }
  });
  samples.push(1);
  timeDeltas.push(pending);
  const endTime = timeDeltas.reduce((a, b) => a + b, 0);
  return { nodes, startTime: 0, endTime, samples, timeDeltas };
}
