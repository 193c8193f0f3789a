// The session's runs: a chart, a list, and two runs side by side.
import { useState } from "react";
import { formatCall, formatValue, KIND_WORDS } from "../controller/describe";
import { usePlayground, usePlaygroundState } from "../state/context";
import type { RunRecord } from "../state/types";
import { formatBytes, formatCount, formatMs } from "../dashboard/format";
import { HistoryChart } from "./HistoryChart";
import { ProfileCompare } from "./ProfileCompare";

function outcome(r: RunRecord): string {
  return r.result.success ? "ok" : KIND_WORDS[r.result.errorKind ?? "crash"];
}

const ROWS: { label: string; get(r: RunRecord): string }[] = [
  { label: "call", get: (r) => formatCall(r.entry, r.args) },
  { label: "outcome", get: outcome },
  { label: "value", get: (r) => (r.result.success ? formatValue(r.result.value) : "—") },
  { label: "time", get: (r) => formatMs(r.result.executionTimeMs) },
  {
    label: "fuel",
    get: (r) => (r.result.fuelConsumed !== undefined ? formatCount(r.result.fuelConsumed) : "—"),
  },
  { label: "peak memory", get: (r) => formatBytes(r.result.memoryUsedBytes) },
  {
    label: "unmetered time",
    get: (r) => (r.unmetered ? formatMs(r.unmetered.executionTimeMs) : "—"),
  },
];

/** "Cheaper" and "dearer" read from the older run to the newer, whichever was ticked first. */
function olderFirst(a: RunRecord, b: RunRecord): { before: RunRecord; after: RunRecord } {
  return a.id < b.id ? { before: a, after: b } : { before: b, after: a };
}

export function HistoryPanel() {
  const playground = usePlayground();
  const history = usePlaygroundState((s) => s.history);
  const [picked, setPicked] = useState<number[]>([]);
  if (history.length === 0)
    return (
      <p className="muted" data-testid="history-panel">
        No runs yet in this session.
      </p>
    );
  const compared = picked
    .map((id) => history.find((r) => r.id === id))
    .filter((r): r is RunRecord => !!r);
  const toggle = (id: number) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  return (
    <div className="history" data-testid="history-panel">
      <HistoryChart runs={history} />
      <ul className="history__list">
        {[...history].reverse().map((r) => (
          <li key={r.id} className={r.result.success ? "" : "history__item--failed"}>
            <label className="checkbox small">
              <input
                type="checkbox"
                checked={picked.includes(r.id)}
                onChange={() => toggle(r.id)}
                aria-label={`Compare run ${r.id}`}
              />
              <span className="mono">#{r.id}</span> {r.label} · {formatCall(r.entry, r.args)} ·{" "}
              <strong>{outcome(r)}</strong> · {formatMs(r.result.executionTimeMs)}
            </label>
          </li>
        ))}
      </ul>
      {compared.length === 2 ? (
        <>
          <table className="history__compare" data-testid="history-compare">
            <thead>
              <tr>
                <th />
                {compared.map((r) => (
                  <th key={r.id}>#{r.id}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {compared.map((r) => (
                    <td key={r.id} className="mono">
                      {row.get(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <ProfileCompare {...olderFirst(compared[0]!, compared[1]!)} />
        </>
      ) : (
        <p className="hint">Tick two runs to compare them side by side.</p>
      )}
      <button type="button" className="link-button" onClick={() => playground.clearHistory()}>
        Clear history
      </button>
    </div>
  );
}
