// The History tab's comparison of two profiled runs: per function, own fuel, fuel with callees
// and calls in each, the largest change first (matched by name: profile/profile-compare.ts).
import { useMemo } from "react";
import type { RunRecord } from "../state/types";
import type { ProfileColumns } from "../../sandbox/types";
import { compareProfiles, type FunctionCounts } from "../profile/profile-compare";
import { groupDigits } from "../../sandbox/digits";

/** Rows shown; the rest are counted (a CRuby profile has thousands of functions). */
const SHOWN = 40;

const WORDS = { cheaper: "cheaper", dearer: "dearer", same: "same", new: "new", gone: "gone" };

function counts(c: FunctionCounts | undefined): string {
  return c ? `${groupDigits(c.self)} / ${groupDigits(c.total)} / ${groupDigits(c.calls)}` : "—";
}

export function ProfileCompare({ before, after }: { before: RunRecord; after: RunRecord }) {
  const a = before.result.profileColumns;
  const b = after.result.profileColumns;
  if (!a || !b) {
    return (
      <p className="hint" data-testid="profile-compare-none">
        Profile both runs (the Profile box by Run) to compare where their fuel went.
      </p>
    );
  }
  return <CompareTable before={before} after={after} a={a} b={b} />;
}

function CompareTable(props: {
  before: RunRecord;
  after: RunRecord;
  a: ProfileColumns;
  b: ProfileColumns;
}) {
  const { before, after, a, b } = props;
  const rows = useMemo(() => compareProfiles(a, b), [a, b]);
  const changed = rows.filter((r) => r.change !== "same").length;
  return (
    <div className="profile-compare" data-testid="profile-compare">
      <p className="small">
        Profiles: {groupDigits(changed)} of {groupDigits(rows.length)} functions changed from #
        {before.id} to #{after.id} (own fuel / with callees / calls).
      </p>
      <table className="history__compare">
        <thead>
          <tr>
            <th>function</th>
            <th>#{before.id}</th>
            <th>#{after.id}</th>
            <th>own fuel</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <tr key={r.name} data-testid="profile-compare-row" data-change={r.change}>
              <th scope="row" className="mono">
                {r.name}
              </th>
              <td className="mono">{counts(r.before)}</td>
              <td className="mono">{counts(r.after)}</td>
              <td className={`profile-compare__${r.change}`}>
                {WORDS[r.change]}
                {r.selfChange !== 0 &&
                  ` ${r.selfChange > 0 ? "+" : "−"}${groupDigits(Math.abs(r.selfChange))}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && (
        <p className="small muted">{groupDigits(rows.length - SHOWN)} smaller changes not shown.</p>
      )}
    </div>
  );
}
