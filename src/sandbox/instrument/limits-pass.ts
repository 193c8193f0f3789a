// The memory-cap pass, static half. The memory cap bounds the total of all memories of a module
// (and the table cap the total of all its tables): every memory's (and, with a table cap, every
// table's) maximum is lowered to the cap in the binary itself, imported ones included (the host
// must then supply one within the cap); a declared initial size over the cap, or initial sizes
// that together pass it, refuse the module. The dynamic half — grows checked against the total,
// refused grows flagged — lives in the grow checks of grow-check.ts.
import { RefusedError, encodeU32 } from "./bytes";
import type { Patch } from "./assemble";
import type { LimitsAt, ModuleLayout, Section } from "./module-layout";
import { groupDigits } from "../digits";

const PAGE = 65_536n;

function fmt(n: bigint): string {
  return groupDigits(n);
}

function describe(l: LimitsAt): string {
  return `${l.imported ? "imported " : ""}${l.what} ${l.index}`;
}

function checkInitial(l: LimitsAt, cap: bigint): void {
  if (l.initial <= cap) return;
  const message =
    l.what === "memory"
      ? `${describe(l)} declares an initial size of ${fmt(l.initial)} pages (${fmt(l.initial * PAGE)} bytes), over the memory cap of ${fmt(cap)} pages (${fmt(cap * PAGE)} bytes)`
      : `${describe(l)} declares ${fmt(l.initial)} initial elements, over the table cap of ${fmt(cap)} elements`;
  throw new RefusedError("memory_limit", message);
}

/** Each initial size fits the cap (checkInitial), but their total may not. */
function checkInitialTotal(all: readonly LimitsAt[], what: "memory" | "table", cap: bigint): void {
  const total = all.reduce((sum, l) => sum + l.initial, 0n);
  if (all.length < 2 || total <= cap) return;
  const message =
    what === "memory"
      ? `the module's ${all.length} memories declare initial sizes that add up to ${fmt(total)} pages (${fmt(total * PAGE)} bytes), over the memory cap of ${fmt(cap)} pages (${fmt(cap * PAGE)} bytes), which bounds all memories of a module together`
      : `the module's ${all.length} tables declare initial sizes that add up to ${fmt(total)} elements, over the table cap of ${fmt(cap)} elements, which bounds all tables of a module together`;
  throw new RefusedError("memory_limit", message);
}

function encodeLimits(l: LimitsAt, max: bigint): number[] {
  return [l.flags | 0x01, ...encodeU32(Number(l.initial)), ...encodeU32(Number(max))];
}

/** Checks initial sizes and returns the patches that lower maxima, grouped by section. */
export function capLimits(
  layout: ModuleLayout,
  memoryCapPages: bigint,
  tableCap: bigint | undefined,
): Map<Section, Patch[]> {
  const bySection = new Map<Section, Patch[]>();
  for (const l of layout.limits) {
    const cap = l.what === "memory" ? memoryCapPages : tableCap;
    if (cap === undefined) continue;
    checkInitial(l, cap);
    if (l.max !== undefined && l.max <= cap) continue;
    const section = layout.sections.find((s) => s.contentStart <= l.start && l.end <= s.end);
    if (!section) throw new Error("limits outside every section");
    const patches = bySection.get(section) ?? [];
    patches.push({ start: l.start, end: l.end, bytes: encodeLimits(l, cap) });
    bySection.set(section, patches);
  }
  const memories = layout.limits.filter((l) => l.what === "memory");
  checkInitialTotal(memories, "memory", memoryCapPages);
  if (tableCap !== undefined) {
    checkInitialTotal(
      layout.limits.filter((l) => l.what === "table"),
      "table",
      tableCap,
    );
  }
  return bySection;
}
