// What a link (or a playground file, or a draft opened from one) asks for, against the page's own
// defaults. The one place that decides "above default": a limit higher than the page's, an
// unlimited fuel budget, an import the default allow-list does not grant, or real clocks and
// randomness. Those need the person's confirmation before the first run; lower values do not.
import { isImportAllowed } from "../engine/contracts";
import { formatCount } from "../dashboard/format";
import { DEFAULT_ALLOW_LIST, DEFAULT_LIMITS } from "../state/defaults";
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

type Reviewed = Pick<PlaygroundState, "limits" | "allowList" | "io">;

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

/** Each limit that differs between two settings: "Timeout 60 s (was 5 s)". */
export function limitChanges(before: PageLimits, after: PageLimits): string[] {
  const changes: string[] = [];
  const change = (label: string, was: string, now: string) => {
    if (was !== now) changes.push(`${label} ${now} (was ${was})`);
  };
  change(LIMIT_LABELS.maxFuel, fuelText(before.fuel), fuelText(after.fuel));
  change(LIMIT_LABELS.maxMemoryBytes, mib(before.memoryMiB), mib(after.memoryMiB));
  change(LIMIT_LABELS.timeoutMs, seconds(before.timeoutMs), seconds(after.timeoutMs));
  change(LIMIT_LABELS.maxOutputBytes, kib(before.outputKiB), kib(after.outputKiB));
  return changes;
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

function fuelAbove(fuel: bigint | null): boolean {
  return fuel === null || (DEFAULT_LIMITS.fuel !== null && fuel > DEFAULT_LIMITS.fuel);
}

/** Every limit and permission that differs from the page's defaults, in the Limits tab's order. */
export function limitAsks(s: Reviewed): LimitAsk[] {
  const d = DEFAULT_LIMITS;
  const l = s.limits;
  const asks: LimitAsk[] = [];
  const ask = (key: LimitKey, label: string, asked: string, normal: string, above: boolean) =>
    asks.push({ key, text: `${label} ${asked} (default ${normal})`, above });
  if (l.fuel !== d.fuel)
    ask("fuel", LIMIT_LABELS.maxFuel, fuelText(l.fuel), fuelText(d.fuel), fuelAbove(l.fuel));
  if (l.memoryMiB !== d.memoryMiB)
    ask(
      "memory",
      LIMIT_LABELS.maxMemoryBytes,
      mib(l.memoryMiB),
      mib(d.memoryMiB),
      l.memoryMiB > d.memoryMiB,
    );
  if (l.timeoutMs !== d.timeoutMs)
    ask(
      "timeout",
      LIMIT_LABELS.timeoutMs,
      seconds(l.timeoutMs),
      seconds(d.timeoutMs),
      l.timeoutMs > d.timeoutMs,
    );
  if (l.outputKiB !== d.outputKiB)
    ask(
      "output",
      LIMIT_LABELS.maxOutputBytes,
      kib(l.outputKiB),
      kib(d.outputKiB),
      l.outputKiB > d.outputKiB,
    );
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

/** "Use default limits": everything above the defaults comes down to them; lower values stay. */
export function withinDefaults(s: Reviewed): Pick<PlaygroundState, "limits" | "allowList" | "io"> {
  const d = DEFAULT_LIMITS;
  const l = s.limits;
  const limits: PageLimits = {
    fuel: fuelAbove(l.fuel) ? d.fuel : l.fuel,
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
