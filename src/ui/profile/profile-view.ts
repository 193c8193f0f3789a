// What the Profile tab shows, from a run's profile columns (sandbox/profile/columns.ts): the
// function table's order and the flame graph's bars. Pure and linear in the call paths, so a
// profile of a million paths lays out in milliseconds; only bars at least a pixel wide are drawn.
import type { ProfileColumns } from "../../sandbox/types";

export type SortKey = "self" | "total" | "calls" | "name";

/** A function's name as the table and the graph show it. */
export function functionName(c: ProfileColumns, index: number): string {
  return c.names[index] ?? `function[${index}]`;
}

/** Row order of the function table: indices into c.functions, by `key` (ties by index). */
export function sortedFunctions(c: ProfileColumns, key: SortKey, descending: boolean): Int32Array {
  const f = c.functions;
  const rows = Int32Array.from(f.index, (_, i) => i);
  const sign = descending ? -1 : 1;
  const column = key === "name" ? undefined : f[key];
  const names = key === "name" ? Array.from(f.index, (i) => functionName(c, i)) : [];
  rows.sort((a, b) => {
    const order = column
      ? column[a] - column[b]
      : names[a] < names[b]
        ? -1
        : names[a] > names[b]
          ? 1
          : 0;
    return order !== 0 ? sign * order : f.index[a] - f.index[b];
  });
  return rows;
}

/** The share of the whole run's fuel, as "12.3%" ("<0.1%" for a little above nothing). */
export function percentOf(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return "0%";
  const p = (100 * part) / whole;
  return p < 0.1 ? "<0.1%" : `${p.toFixed(1)}%`;
}

export interface FlameLayout {
  /** Each node's left edge, in fuel from the left of its root's bar. */
  start: Float64Array;
  /** Each node's depth: 0 for the root (outside any function), 1 for an entry, … */
  depth: Int32Array;
}

/** Children are laid left to right in the order they first ran, each as wide as its total. */
export function layoutFlame(c: ProfileColumns): FlameLayout {
  const n = c.func.length;
  const start = new Float64Array(n);
  const depth = new Int32Array(n);
  const used = new Float64Array(n); // how much of each node's width its children took so far
  for (let i = 1; i < n; i++) {
    const p = c.parent[i];
    start[i] = start[p] + used[p];
    used[p] += c.total[i];
    depth[i] = depth[p] + 1;
  }
  return { start, depth };
}

export interface FlameBar {
  node: number;
  /** Pixels from the left, and wide. */
  x: number;
  width: number;
  /** Row from the top: 0 is the focused node. */
  row: number;
}

/**
 * The bars to draw with `focus` (a node) as wide as the view: its subtree, the bars at least
 * `minWidth` pixels wide, at most `maxRows` rows deep.
 */
export function flameBars(
  c: ProfileColumns,
  layout: FlameLayout,
  focus: number,
  width: number,
  maxRows: number,
  minWidth = 1,
): FlameBar[] {
  const span = c.total[focus];
  if (span <= 0 || width <= 0) return [];
  const scale = width / span;
  const left = layout.start[focus];
  const top = layout.depth[focus];
  const bars: FlameBar[] = [];
  const inside = new Uint8Array(c.func.length);
  inside[focus] = 1;
  bars.push({ node: focus, x: 0, width, row: 0 });
  for (let i = focus + 1; i < c.func.length; i++) {
    // Parents come before children: a node is in the subtree when its parent is.
    if (!inside[c.parent[i]]) continue;
    const w = c.total[i] * scale;
    const row = layout.depth[i] - top;
    if (w < minWidth || row >= maxRows) continue;
    inside[i] = 1;
    bars.push({ node: i, x: (layout.start[i] - left) * scale, width: w, row });
  }
  return bars;
}

/** The call path of a node, root's child first (for the graph's breadcrumb). */
export function pathTo(c: ProfileColumns, node: number): number[] {
  const path: number[] = [];
  for (let i = node; i > 0; i = c.parent[i]) path.push(i);
  return path.reverse();
}
