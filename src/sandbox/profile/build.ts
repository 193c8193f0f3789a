// The FuelProfile from the runner's columns: per-function sums, and each node's total. A
// function's totalFuel adds the totals of its outermost nodes only (a node with no ancestor of
// the same function), so recursion counts each unit of fuel once.
import type { ProfileColumns } from "./columns";
import type { CallPathNode, FuelProfile, ProfiledFunction } from "./types";

export function buildProfile(c: ProfileColumns): FuelProfile {
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
  const functions: ProfiledFunction[] = [...byFunc.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, s]) => {
      const fn: ProfiledFunction = {
        index,
        calls: BigInt(s.calls),
        selfFuel: BigInt(s.self),
        totalFuel: BigInt(s.total),
      };
      const name = c.names[index];
      if (name !== undefined) fn.name = name;
      return fn;
    });
  const callTree: CallPathNode[] = new Array<CallPathNode>(n - 1);
  for (let i = 1; i < n; i++) {
    callTree[i - 1] = {
      function: c.func[i],
      parent: c.parent[i] - 1,
      calls: BigInt(c.calls[i]),
      selfFuel: BigInt(c.self[i]),
      totalFuel: BigInt(total[i]),
    };
  }
  const profile: FuelProfile = { functions, callTree };
  if (c.truncated) profile.truncated = true;
  return profile;
}
