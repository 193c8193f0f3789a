// The Profile tab: where a profiled run's fuel went — a flame graph by call path, a sortable
// table of functions (calls, own fuel, fuel with callees, share of the run) and exports in
// formats profilers open. The profile was summed in the runner; this thread only lays it out.
import { useMemo, useState } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import type { ProfileColumns } from "../../sandbox/types";
import { VirtualRows } from "../module/VirtualRows";
import { FlameGraph } from "./FlameGraph";
import { exportProfile, type ProfileFormat } from "./profile-export";
import {
  functionName,
  layoutFlame,
  pathTo,
  percentOf,
  sortedFunctions,
  type SortKey,
} from "./profile-view";
import { groupDigits } from "../../sandbox/digits";

const ROW_HEIGHT = 22;
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Function" },
  { key: "self", label: "Own fuel" },
  { key: "total", label: "With callees" },
  { key: "calls", label: "Calls" },
];

export function ProfilePanel() {
  const playground = usePlayground();
  const record = usePlaygroundState((s) => s.result);
  const profiling = usePlaygroundState((s) => s.profileRuns);
  const columns = record?.result.profileColumns;
  if (!columns) {
    return (
      <div className="profile-panel profile-panel--empty" data-testid="profile-empty">
        <p>
          A profiled run shows here where its fuel went: by function and by call path, exact and the
          same on every run.
        </p>
        {!profiling && (
          <button type="button" onClick={() => playground.setProfileRuns(true)}>
            Profile the next runs
          </button>
        )}
        {profiling && <p>Profiling is on: press Run.</p>}
      </div>
    );
  }
  return <ProfileView key={record.id} columns={columns} runId={record.id} />;
}

function ProfileView({ columns, runId }: { columns: ProfileColumns; runId: number }) {
  const playground = usePlayground();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: "self",
    descending: true,
  });
  const [focus, setFocus] = useState(0);
  const [exporting, setExporting] = useState<string | null>(null);
  const [revealNote, setRevealNote] = useState<string | null>(null);
  const reveal = (index: number) => setRevealNote(playground.revealFunction(index));
  const zoom = (node: number) => {
    setFocus(node);
    if (node > 0) reveal(columns.func[node]);
  };
  const layout = useMemo(() => layoutFlame(columns), [columns]);
  const rows = useMemo(
    () => sortedFunctions(columns, sort.key, sort.descending),
    [columns, sort.key, sort.descending],
  );
  const whole = columns.total[0];
  const f = columns.functions;
  const download = (format: ProfileFormat) => {
    setExporting(format);
    exportProfile(columns, format).then(
      () => setExporting(null),
      (error: unknown) => setExporting(`export failed: ${String(error)}`),
    );
  };
  const renderRow = (i: number) => {
    const at = rows[i];
    const name = functionName(columns, f.index[at]);
    return (
      <div className="profile-table__row" key={at} data-testid="profile-row" role="row">
        <button
          type="button"
          className="link-button profile-table__name"
          data-testid="profile-function"
          title={`${name} (function ${f.index[at]}): show it in the editor`}
          onClick={() => reveal(f.index[at])}
        >
          {name}
        </button>
        <span>
          {groupDigits(f.self[at])} <em>{percentOf(f.self[at], whole)}</em>
        </span>
        <span>
          {groupDigits(f.total[at])} <em>{percentOf(f.total[at], whole)}</em>
        </span>
        <span>{groupDigits(f.calls[at])}</span>
      </div>
    );
  };
  return (
    <div className="profile-panel" data-testid="profile-panel">
      <div className="profile-panel__head">
        <span data-testid="profile-summary">
          Run #{runId}: {groupDigits(whole)} fuel in {groupDigits(f.index.length)} functions,{" "}
          {groupDigits(columns.func.length - 1)} call paths
        </span>
        <span className="profile-panel__exports">
          <button
            type="button"
            data-testid="export-speedscope"
            onClick={() => download("speedscope")}
          >
            speedscope
          </button>
          <button
            type="button"
            data-testid="export-cpuprofile"
            onClick={() => download("cpuprofile")}
          >
            .cpuprofile
          </button>
          {exporting && (
            <span className="muted">{exporting.startsWith("export") ? exporting : "writing…"}</span>
          )}
        </span>
      </div>
      {columns.truncated && (
        <p className="warn-text">
          The run made more call paths than the profile keeps: later paths are folded into an
          earlier one of the same function (function sums stay exact).
        </p>
      )}
      <nav className="profile-panel__path" aria-label="Zoomed call path" data-testid="flame-path">
        <button type="button" onClick={() => setFocus(0)} disabled={focus === 0}>
          Whole run
        </button>
        {pathTo(columns, focus).map((node) => (
          <button type="button" key={node} onClick={() => setFocus(node)} disabled={node === focus}>
            › {functionName(columns, columns.func[node])}
          </button>
        ))}
      </nav>
      <FlameGraph columns={columns} layout={layout} focus={focus} onFocus={zoom} />
      {revealNote && (
        <p className="small muted" role="status" data-testid="profile-reveal-note">
          {revealNote}
        </p>
      )}
      <div className="profile-table" role="table" aria-label="Functions by fuel">
        <div className="profile-table__row profile-table__head" role="row">
          {COLUMNS.map((col) => (
            <button
              type="button"
              key={col.key}
              role="columnheader"
              data-testid={`sort-${col.key}`}
              aria-sort={
                sort.key === col.key ? (sort.descending ? "descending" : "ascending") : "none"
              }
              onClick={() =>
                setSort((s) => ({
                  key: col.key,
                  descending: s.key === col.key ? !s.descending : col.key !== "name",
                }))
              }
            >
              {col.label}
              {sort.key === col.key ? (sort.descending ? " ▾" : " ▴") : ""}
            </button>
          ))}
        </div>
        <VirtualRows
          className="profile-table__rows"
          label="Functions"
          testId="profile-rows"
          rowCount={rows.length}
          rowHeight={ROW_HEIGHT}
          renderRow={renderRow}
        />
      </div>
    </div>
  );
}
