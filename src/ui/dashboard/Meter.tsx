// A labelled bar: used against a limit.
export interface MeterProps {
  label: string;
  used: string;
  limit: string;
  /** 0..1 of the bar to fill; null when there is nothing to compare against. */
  fraction: number | null;
  /** The run hit this limit. */
  hit?: boolean;
  testId: string;
}

export function Meter({ label, used, limit, fraction, hit, testId }: MeterProps) {
  const pct = fraction === null ? 0 : Math.round(fraction * 1000) / 10;
  const tone = hit ? "hit" : fraction !== null && fraction > 0.8 ? "warn" : "ok";
  return (
    <div className="meter" data-testid={testId}>
      <div className="meter__text">
        <span className="meter__label">{label}</span>
        <span className="meter__value">
          <strong>{used}</strong> / {limit}
          {fraction !== null && <span className="muted"> ({pct}%)</span>}
        </span>
      </div>
      <div
        className={`meter__track meter__track--${tone}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="meter__fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
