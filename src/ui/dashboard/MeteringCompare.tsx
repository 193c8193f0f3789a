// Metered vs unmetered, side by side: what the fuel counter costs on this very code.
import type { ExecutionResult } from "../../sandbox/types";
import { formatMs } from "./format";
import { groupDigits } from "../../sandbox/digits";

export function MeteringCompare({
  metered,
  unmetered,
}: {
  metered: ExecutionResult;
  unmetered: ExecutionResult;
}) {
  const a = metered.executionTimeMs;
  const b = unmetered.executionTimeMs;
  const overhead = b > 0 ? a / b : null;
  const fuelPerMs =
    metered.fuelConsumed !== undefined && a > 0 ? Number(metered.fuelConsumed) / a : null;
  return (
    <div className="compare" data-testid="metering-compare">
      <div className="compare__col">
        <span className="muted small">metered</span>
        <strong>{formatMs(a)}</strong>
        <span className="small">{metered.success ? "ok" : metered.errorKind}</span>
      </div>
      <div className="compare__col">
        <span className="muted small">unmetered</span>
        <strong>{formatMs(b)}</strong>
        <span className="small">{unmetered.success ? "ok" : unmetered.errorKind}</span>
      </div>
      <div className="compare__col">
        <span className="muted small">overhead</span>
        <strong data-testid="overhead">
          {overhead === null ? "—" : `×${overhead.toFixed(2)}`}
        </strong>
        <span className="small">
          {fuelPerMs === null ? "" : `≈ ${groupDigits(Math.round(fuelPerMs))} fuel/ms`}
        </span>
      </div>
    </div>
  );
}
