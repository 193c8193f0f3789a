// Time and fuel per run, as two rows of bars in inline SVG (no chart library).
import type { RunRecord } from "../state/types";
import { formatCount, formatMs } from "../dashboard/format";

const WIDTH = 360;
const ROW = 54;

function Row({
  runs,
  y,
  values,
  label,
  format,
  cls,
}: {
  runs: RunRecord[];
  y: number;
  values: number[];
  label: string;
  format(v: number): string;
  cls: string;
}) {
  const max = Math.max(...values, 0);
  const step = Math.min(WIDTH / Math.max(runs.length, 1), 24);
  const barW = Math.max(2, step - 4);
  return (
    <g transform={`translate(0, ${y})`}>
      <text x={0} y={10} className="chart__label">
        {label} (max {max > 0 ? format(max) : "—"})
      </text>
      {runs.map((r, i) => {
        const h = max > 0 ? (values[i]! / max) * (ROW - 20) : 0;
        return (
          <rect
            key={r.id}
            className={`${cls}${r.result.success ? "" : " chart__bar--failed"}`}
            x={i * step + (step - barW) / 2}
            y={ROW - h}
            width={barW}
            height={Math.max(h, 1)}
          >
            <title>
              #{r.id} {r.entry}: {format(values[i]!)}
            </title>
          </rect>
        );
      })}
    </g>
  );
}

export function HistoryChart({ runs }: { runs: RunRecord[] }) {
  const shown = runs.slice(-30);
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${ROW * 2 + 8}`}
      role="img"
      aria-label={`Wall time and fuel of the last ${shown.length} runs`}
      data-testid="history-chart"
    >
      <Row
        runs={shown}
        y={0}
        values={shown.map((r) => r.result.executionTimeMs)}
        label="time"
        format={formatMs}
        cls="chart__bar chart__bar--time"
      />
      <Row
        runs={shown}
        y={ROW + 8}
        values={shown.map((r) => Number(r.result.fuelConsumed ?? 0n))}
        label="fuel"
        format={(v) => formatCount(v)}
        cls="chart__bar chart__bar--fuel"
      />
    </svg>
  );
}
