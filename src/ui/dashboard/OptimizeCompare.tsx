// binaryen's output vs the module as built, side by side: size, fuel and time of the same run
// (both metered), so the person sees what the optimisation bought on this very program.
import type { ExecutionResult } from "../../sandbox/types";
import type { OptimizedModule } from "../state/types";
import { formatBytes, formatCount, formatMs } from "./format";

/** "×0.62": the optimised figure over the one without (— when there is nothing to divide by). */
function change(withIt: number | bigint | undefined, without: number | bigint | undefined): string {
  if (withIt === undefined || without === undefined || Number(without) === 0) return "—";
  return `×${(Number(withIt) / Number(without)).toFixed(2)}`;
}

function Column({
  label,
  testId,
  bytes,
  result,
}: {
  label: string;
  testId: string;
  bytes: number;
  result: ExecutionResult;
}) {
  return (
    <div className="compare__col" data-testid={testId}>
      <span className="muted small">{label}</span>
      <strong data-testid={`${testId}-size`}>{formatBytes(bytes)}</strong>
      <span
        className="small"
        data-testid={`${testId}-fuel`}
        data-fuel={result.fuelConsumed?.toString()}
      >
        {result.fuelConsumed !== undefined ? `${formatCount(result.fuelConsumed)} fuel` : "—"}
      </span>
      <span className="small">{formatMs(result.executionTimeMs)}</span>
      <span className="small">{result.success ? "ok" : result.errorKind}</span>
    </div>
  );
}

export function OptimizeCompare({
  optimized,
  withIt,
  without,
}: {
  optimized: OptimizedModule;
  withIt: ExecutionResult;
  without: ExecutionResult;
}) {
  const sameOutput = withIt.output === without.output && withIt.stderr === without.stderr;
  return (
    <div className="compare" data-testid="optimize-compare">
      <Column
        label={`binaryen -${optimized.level}`}
        testId="optimize-compare-with"
        bytes={optimized.afterBytes}
        result={withIt}
      />
      <Column
        label="without binaryen"
        testId="optimize-compare-without"
        bytes={optimized.beforeBytes}
        result={without}
      />
      <div className="compare__col">
        <span className="muted small">change</span>
        <strong>{change(optimized.afterBytes, optimized.beforeBytes)}</strong>
        <span className="small">{change(withIt.fuelConsumed, without.fuelConsumed)}</span>
        <span className="small">{change(withIt.executionTimeMs, without.executionTimeMs)}</span>
        <span className="small" data-testid="optimize-compare-output">
          {sameOutput ? "same output" : "output differs"}
        </span>
      </div>
    </div>
  );
}
