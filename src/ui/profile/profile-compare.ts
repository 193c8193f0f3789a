// Two runs' profiles side by side (the History tab): which functions got cheaper or dearer.
// Functions are matched by name (an edit that adds a function renumbers the ones after it),
// by index when a function has no name. Linear in the functions of both runs.
import type { ProfileColumns } from "../../sandbox/types";
import { functionName } from "./profile-view";

export interface FunctionCounts {
  self: number;
  total: number;
  calls: number;
}

export interface ComparedFunction {
  name: string;
  /** Absent when the function did not run in that run. */
  before?: FunctionCounts;
  after?: FunctionCounts;
  /** after.self - before.self (a function missing from a run counts as 0 there). */
  selfChange: number;
  change: "cheaper" | "dearer" | "same" | "new" | "gone";
}

function byName(c: ProfileColumns): Map<string, FunctionCounts> {
  const f = c.functions;
  const out = new Map<string, FunctionCounts>();
  for (let i = 0; i < f.index.length; i++) {
    out.set(functionName(c, f.index[i]), { self: f.self[i], total: f.total[i], calls: f.calls[i] });
  }
  return out;
}

/** Every function that ran in either run, the largest change of own fuel first. */
export function compareProfiles(before: ProfileColumns, after: ProfileColumns): ComparedFunction[] {
  const a = byName(before);
  const b = byName(after);
  const rows: ComparedFunction[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(name);
    const now = b.get(name);
    const selfChange = (now?.self ?? 0) - (was?.self ?? 0);
    const change = !was
      ? "new"
      : !now
        ? "gone"
        : selfChange < 0 || (selfChange === 0 && now.total < was.total)
          ? "cheaper"
          : selfChange > 0 || now.total > was.total
            ? "dearer"
            : "same";
    rows.push({ name, before: was, after: now, selfChange, change });
  }
  return rows.sort(
    (x, y) => Math.abs(y.selfChange) - Math.abs(x.selfChange) || (x.name < y.name ? -1 : 1),
  );
}
