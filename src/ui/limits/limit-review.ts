// What a link (or a playground file, or a draft opened from one) asks for, against the page's own
// defaults for its language (Ruby's are CRuby's, languages.ts). The one place that decides
// "above default": a limit higher than the default, an unlimited fuel budget, an import the default allow-list does not grant, or real clocks and
// randomness. Those need the person's confirmation before the first run; lower values do not.
import { isImportAllowed } from "../engine/contracts";
import { formatCount } from "../dashboard/format";
import { DEFAULT_ALLOW_LIST } from "../state/defaults";
import { defaultLimitsOf } from "../state/languages";
import type { PageLimits, PlaygroundState } from "../state/types";
import { LIMIT_LABELS } from "./limit-names";

export type LimitKey = "fuel" | "memory" | "timeout" | "output" | "imports" | "deterministic";

export interface LimitAsk {
  key: LimitKey;
  /** "Fuel budget unlimited (default 100M)" */
  text: string;
  /** Above the page's default (or a permission the default does not grant): needs a click. */
  above: boolean;
}

type Reviewed = Pick<PlaygroundState, "limits" | "allowList" | "io" | "language" | "binary">;

function fuelText(fuel: bigint | null): string {
  return fuel === null ? "unlimited" : formatCount(fuel);
}

function mib(value: number): string {
  return value >= 1024 ? `${value / 1024} GiB` : `${value} MiB`;
}

function kib(value: number): string {
  return value >= 1024 ? `${value / 1024} MiB` : `${value} KiB`;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** One of the page's limits: how it is named, shown and compared with the default. */
interface LimitRow {
  key: LimitKey;
  label: string;
  differs(a: PageLimits, b: PageLimits): boolean;
  show(l: PageLimits): string;
  above(l: PageLimits, defaults: PageLimits): boolean;
}

function row<T>(
  key: LimitKey,
  label: string,
  read: (l: PageLimits) => T,
  show: (value: T) => string,
  above: (value: T, normal: T) => boolean,
): LimitRow {
  return {
    key,
    label,
    differs: (a, b) => read(a) !== read(b),
    show: (l) => show(read(l)),
    above: (l, defaults) => above(read(l), read(defaults)),
  };
}

const larger = (value: number, normal: number) => value > normal;

/** The page's limits, in the Limits tab's order. */
const LIMIT_ROWS: readonly LimitRow[] = [
  row("fuel", LIMIT_LABELS.maxFuel, (l) => l.fuel, fuelText, fuelAbove),
  row("memory", LIMIT_LABELS.maxMemoryBytes, (l) => l.memoryMiB, mib, larger),
  row("timeout", LIMIT_LABELS.timeoutMs, (l) => l.timeoutMs, seconds, larger),
  row("output", LIMIT_LABELS.maxOutputBytes, (l) => l.outputKiB, kib, larger),
];

/** Each limit that differs between two settings: "Timeout 60 s (was 5 s)". */
export function limitChanges(before: PageLimits, after: PageLimits): string[] {
  return LIMIT_ROWS.filter((r) => r.show(before) !== r.show(after)).map(
    (r) => `${r.label} ${r.show(after)} (was ${r.show(before)})`,
  );
}

/** Whether an allow-list entry grants more than the page's default list does. */
export function importAboveDefault(entry: string): boolean {
  const dot = entry.indexOf(".");
  if (dot < 0) return true;
  const module = entry.slice(0, dot);
  const name = entry.slice(dot + 1);
  if (name === "*") return !DEFAULT_ALLOW_LIST.includes(entry);
  return !isImportAllowed(DEFAULT_ALLOW_LIST, module, name);
}

function fuelAbove(fuel: bigint | null, normal: bigint | null): boolean {
  return fuel === null || (normal !== null && fuel > normal);
}

/** Every limit and permission that differs from the defaults, in the Limits tab's order. */
export function limitAsks(s: Reviewed): LimitAsk[] {
  const defaults = defaultLimitsOf(s);
  const asks: LimitAsk[] = LIMIT_ROWS.filter((r) => r.differs(s.limits, defaults)).map((r) => ({
    key: r.key,
    text: `${r.label} ${r.show(s.limits)} (default ${r.show(defaults)})`,
    above: r.above(s.limits, defaults),
  }));
  const extra = s.allowList.filter(importAboveDefault);
  if (extra.length > 0) {
    const shown =
      extra.slice(0, 5).join(", ") + (extra.length > 5 ? ` and ${extra.length - 5} more` : "");
    asks.push({
      key: "imports",
      text: `${LIMIT_LABELS.allowedImports} also allowed: ${shown}`,
      above: true,
    });
  }
  if (!s.io.deterministic)
    asks.push({
      key: "deterministic",
      text: "Real clocks and randomness (default deterministic)",
      above: true,
    });
  return asks;
}

export function needsConfirmation(s: Reviewed): boolean {
  return limitAsks(s).some((a) => a.above);
}

/**
 * "Use default limits": everything above the defaults of the program's language comes down to
 * them (so a Ruby link keeps what CRuby needs); lower values stay.
 */
export function withinDefaults(s: Reviewed): Pick<PlaygroundState, "limits" | "allowList" | "io"> {
  const d = defaultLimitsOf(s);
  const l = s.limits;
  const limits: PageLimits = {
    fuel: fuelAbove(l.fuel, d.fuel) ? d.fuel : l.fuel,
    memoryMiB: Math.min(l.memoryMiB, d.memoryMiB),
    timeoutMs: Math.min(l.timeoutMs, d.timeoutMs),
    outputKiB: Math.min(l.outputKiB, d.outputKiB),
  };
  return {
    limits,
    allowList: s.allowList.filter((entry) => !importAboveDefault(entry)),
    io: { ...s.io, deterministic: true },
  };
}
