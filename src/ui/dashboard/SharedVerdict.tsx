// After a run of a shared link: does the result match what the sharer saw?
import { usePlaygroundState } from "../state/context";

export function SharedVerdict() {
  const shared = usePlaygroundState((s) => s.sharedResult);
  const runId = usePlaygroundState((s) => s.result?.id);
  if (!shared) return null;
  const verdict = shared.verdict && shared.verdict.runId === runId ? shared.verdict : null;
  if (!verdict) {
    return (
      <p className="shared-verdict small muted" data-testid="shared-verdict">
        This link carries the sharer&apos;s result
        {shared.summary.fuelConsumed ? ` (fuel ${shared.summary.fuelConsumed})` : ""}; run it to
        compare.
      </p>
    );
  }
  return (
    <p
      className={`shared-verdict small ${verdict.same ? "ok-text" : "warn-text"}`}
      data-testid="shared-verdict"
      data-same={verdict.same}
    >
      {verdict.same
        ? verdict.sameFuel
          ? "✔ Same result and same fuel as when shared."
          : "✔ Same result as when shared."
        : "≠ This run differs from the one that was shared."}
    </p>
  );
}
