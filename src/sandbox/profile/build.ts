// The profile's sums (summarize, in the runner) and the FuelProfile made from them (buildProfile,
// where execute() was called). A function's totalFuel adds the totals of its outermost nodes
// only (a node with no ancestor of the same function), so recursion counts each unit once.
import type { CallTreeColumns, ProfileColumns } from "./columns";
import type { CallPathNode, FuelProfile, ProfiledFunction } from "./types";

export function summarize(c: CallTreeColumns): ProfileColumns {
  const n = c.func.length;
  const total = Float64Array.from(c.self);
  for (let i = n - 1; i > 0; i--) total[c.parent[i]] += total[i];
  // Children lists (CSR) for one depth-first walk that knows which functions are on the path.
  const childCount = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) childCount[c.parent[i] + 1]++;
  for (let i = 0; i < n; i++) childCount[i + 1] += childCount[i];
  const childStart = childCount.slice();
  const children = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) children[childStart[c.parent[i]]++] = i;
  const byFunc = new Map<number, { calls: number; self: number; total: number }>();
  const onPath = new Map<number, number>();
  const stack: number[] = [0];
  const leaving: boolean[] = [false];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    const f = c.func[node];
    if (leaving.pop()) {
      onPath.set(f, (onPath.get(f) ?? 1) - 1);
      continue;
    }
    if (node !== 0) {
      let entry = byFunc.get(f);
      if (!entry) byFunc.set(f, (entry = { calls: 0, self: 0, total: 0 }));
      entry.calls += c.calls[node];
      entry.self += c.self[node];
      if ((onPath.get(f) ?? 0) === 0) entry.total += total[node];
      onPath.set(f, (onPath.get(f) ?? 0) + 1);
      stack.push(node);
      leaving.push(true);
    }
    for (let k = childCount[node + 1] - 1; k >= childCount[node]; k--) {
      stack.push(children[k]);
      leaving.push(false);
    }
  }
  const sums = [...byFunc.entries()].sort(([a], [b]) => a - b);
  const functions = {
    index: Int32Array.from(sums, ([index]) => index),
    calls: Float64Array.from(sums, ([, s]) => s.calls),
    self: Float64Array.from(sums, ([, s]) => s.self),
    total: Float64Array.from(sums, ([, s]) => s.total),
  };
  return { ...c, total, functions };
}

export function buildProfile(c: ProfileColumns): FuelProfile {
  const f = c.functions;
  const functions: ProfiledFunction[] = Array.from(f.index, (index, i) => {
    const fn: ProfiledFunction = {
      index,
      calls: BigInt(f.calls[i]),
      selfFuel: BigInt(f.self[i]),
      totalFuel: BigInt(f.total[i]),
    };
    const name = c.names[index];
    if (name !== undefined) fn.name = name;
    return fn;
  });
  const n = c.func.length;
  const callTree: CallPathNode[] = new Array<CallPathNode>(n - 1);
  for (let i = 1; i < n; i++) {
    callTree[i - 1] = {
      function: c.func[i],
      parent: c.parent[i] - 1,
      calls: BigInt(c.calls[i]),
      selfFuel: BigInt(c.self[i]),
      totalFuel: BigInt(c.total[i]),
    };
  }
  const profile: FuelProfile = { functions, callTree };
  if (c.truncated) profile.truncated = true;
  return profile;
}
