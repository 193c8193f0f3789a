// The memory-cap pass, static half: every memory's (and, with a table cap, every table's)
// maximum is lowered to the cap in the binary itself, imported ones included (the host must then
// supply one within the cap); a declared initial size over the cap refuses the module. The
// dynamic half — flagging refused grows — lives in the grow checks of charge-code.ts.
import { RefusedError, encodeU32 } from "./bytes";
import type { Patch } from "./assemble";
import type { LimitsAt, ModuleLayout, Section } from "./module-layout";

const PAGE = 65_536n;

function fmt(n: bigint): string {
  return n.toLocaleString("en-US");
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
  return bySection;
}
