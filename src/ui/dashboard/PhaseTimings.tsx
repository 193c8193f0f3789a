// Where the time went: one stacked bar of the phases of a run.
import type { PhaseTimings as Timings } from "../../sandbox/types";
import { formatMs } from "./format";

const PHASES: { key: keyof Timings; label: string }[] = [
  { key: "compileMs", label: "compile" }, // WebAssembly.compile in the runner
  { key: "instrumentMs", label: "instrument" },
  { key: "instantiateMs", label: "instantiate" },
  { key: "runMs", label: "run" },
];

export function PhaseTimings({ timings }: { timings: Timings | null }) {
  const values = PHASES.map((p) => ({ ...p, ms: timings ? timings[p.key] : 0 }));
  const total = values.reduce((sum, v) => sum + v.ms, 0);
  return (
    <div className="phases" data-testid="phase-timings">
      <div className="meter__text">
        <span className="meter__label">Time per phase</span>
      </div>
      <div className="phases__bar" aria-hidden="true">
        {values.map((v) => (
          <span
            key={v.key}
            className={`phases__seg phases__seg--${v.label}`}
            style={{ width: total > 0 ? `${(v.ms / total) * 100}%` : "0%" }}
          />
        ))}
      </div>
      <ul className="phases__legend">
        {values.map((v) => (
          <li key={v.key}>
            <span className={`swatch phases__seg--${v.label}`} aria-hidden="true" />
            {v.label} <strong>{timings ? formatMs(v.ms) : "—"}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
