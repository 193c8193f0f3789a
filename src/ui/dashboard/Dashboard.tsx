// The result of the last run. Always laid out the same way (placeholders before the first run),
// so nothing jumps when a result arrives.
import { lazy, Suspense, useEffect } from "react";
import { formatValue } from "../controller/describe";
import { usePlaygroundState } from "../state/context";
import { formatBytes, formatCount, formatMs, ratio } from "./format";
import { Meter } from "./Meter";
import { Outcome } from "./Outcome";
import { PhaseTimings } from "./PhaseTimings";
import { SharedVerdict } from "./SharedVerdict";

// binaryen's side-by-side comparison: loaded when a binaryen level is chosen, so it is there by
// the time a run that fills it ends.
const loadOptimizeCompare = () => import("./OptimizeCompare");
const OptimizeCompare = lazy(() =>
  loadOptimizeCompare().then((m) => ({ default: m.OptimizeCompare })),
);

// The unmetered comparison, the same way: loaded when "run unmetered" is ticked.
const loadMeteringCompare = () => import("./MeteringCompare");
const MeteringCompare = lazy(() =>
  loadMeteringCompare().then((m) => ({ default: m.MeteringCompare })),
);

// The offer to bind refused imports: loaded when a run of a module with imports starts (only
// such a module can be refused), so it is there by the time that run's outcome is.
const loadRefusalOffer = () => import("../imports/RefusalOffer");
const RefusalOffer = lazy(() => loadRefusalOffer().then((m) => ({ default: m.RefusalOffer })));

export function Dashboard() {
  const record = usePlaygroundState((s) => s.result);
  const optimizing = usePlaygroundState((s) => s.optimize !== "none");
  const comparing = usePlaygroundState((s) => s.compareUnmetered);
  const importing = usePlaygroundState(
    (s) => s.running && (s.compiled?.info?.imports.length ?? 0) > 0,
  );
  useEffect(() => {
    if (optimizing) void loadOptimizeCompare();
  }, [optimizing]);
  useEffect(() => {
    if (comparing) void loadMeteringCompare();
  }, [comparing]);
  useEffect(() => {
    if (importing) void loadRefusalOffer();
  }, [importing]);
  const running = usePlaygroundState((s) => s.running);
  // A build that failed ran nothing: no run metrics (the outcome says what went wrong).
  const outcome = record?.result ?? null;
  const r = outcome?.errorKind === "compile_error" ? null : outcome;
  const fuelLimit = r?.fuelLimit;
  // The GC count includes the allocation the cap refused, so above the cap means the GC cap ended it.
  const gcHit =
    r?.errorKind === "memory_limit" &&
    r.gcAllocatedBytes !== undefined &&
    r.gcAllocationLimitBytes !== undefined &&
    r.gcAllocatedBytes > r.gcAllocationLimitBytes;
  const sizes = r?.moduleBytes;
  // A WASI command's result is its exit code: proc_exit's, or 0 when _start returned.
  const exitCode =
    r?.exitCode ??
    (r?.success && record?.entry === "_start" && r.value === undefined ? 0 : undefined);
  return (
    <div
      className={`dashboard${running ? " dashboard--stale" : ""}`}
      data-testid="dashboard"
      aria-busy={running}
    >
      <Outcome result={outcome} running={running} stopped={record?.stopped} entry={record?.entry} />
      {outcome?.errorKind === "import_denied" && (
        <Suspense fallback={null}>
          <RefusalOffer />
        </Suspense>
      )}
      <SharedVerdict />
      <dl className="stats">
        <div className="stat stat--wide">
          <dt>{exitCode !== undefined ? "Exit code" : "Value"}</dt>
          <dd data-testid="result-value" className="mono">
            {exitCode !== undefined ? String(exitCode) : r?.success ? formatValue(r.value) : "—"}
          </dd>
        </div>
        <div className="stat">
          <dt>Wall time</dt>
          <dd data-testid="wall-time">{r ? formatMs(r.executionTimeMs) : "—"}</dd>
        </div>
        <div className="stat">
          <dt title="Source to wasm, in the toolchain worker">Build</dt>
          <dd data-testid="build-time">
            {record?.sourceCompileMs !== undefined ? formatMs(record.sourceCompileMs) : "—"}
          </dd>
        </div>
        <div className="stat">
          <dt title="Before → after instrumentation">Module size</dt>
          <dd data-testid="module-size">
            {sizes ? `${formatBytes(sizes.original)} → ${formatBytes(sizes.instrumented)}` : "—"}
          </dd>
        </div>
        {record?.optimized && (
          <div className="stat stat--double">
            <dt title="binaryen's optimizer, before instrumentation: size before → after, and its time">
              binaryen -{record.optimized.level}
            </dt>
            <dd data-testid="optimized-size">
              {formatBytes(record.optimized.beforeBytes)} →{" "}
              {formatBytes(record.optimized.afterBytes)}{" "}
              <span className="small muted">{formatMs(record.optimized.optimizeMs)}</span>
            </dd>
          </div>
        )}
      </dl>
      <Meter
        testId="fuel-meter"
        label="Fuel"
        used={r?.fuelConsumed !== undefined ? formatCount(r.fuelConsumed) : "—"}
        limit={fuelLimit !== undefined ? formatCount(fuelLimit) : r ? "unlimited" : "—"}
        fraction={
          r?.fuelConsumed !== undefined && fuelLimit !== undefined
            ? ratio(r.fuelConsumed, fuelLimit)
            : null
        }
        hit={r?.errorKind === "fuel_exhausted"}
      />
      <Meter
        testId="memory-meter"
        label="Peak memory"
        used={r ? formatBytes(r.memoryUsedBytes) : "—"}
        limit={r && r.memoryLimitBytes > 0 ? formatBytes(r.memoryLimitBytes) : "—"}
        fraction={r && r.memoryLimitBytes > 0 ? ratio(r.memoryUsedBytes, r.memoryLimitBytes) : null}
        hit={r?.errorKind === "memory_limit" && !gcHit}
      />
      {/* Only for a module that allocates GC objects (structs, arrays): bytes by declared sizes. */}
      {r?.gcAllocatedBytes !== undefined && (
        <Meter
          testId="gc-meter"
          label="GC allocated"
          used={formatBytes(r.gcAllocatedBytes)}
          limit={
            r.gcAllocationLimitBytes !== undefined ? formatBytes(r.gcAllocationLimitBytes) : "—"
          }
          fraction={
            r.gcAllocationLimitBytes ? ratio(r.gcAllocatedBytes, r.gcAllocationLimitBytes) : null
          }
          hit={gcHit}
        />
      )}
      <PhaseTimings timings={r?.timings ?? null} />
      {r && record?.unmetered && (
        <Suspense fallback={<div className="compare compare--placeholder" aria-hidden="true" />}>
          <MeteringCompare metered={r} unmetered={record.unmetered} />
        </Suspense>
      )}
      {r && record?.optimized && record.withoutOptimize && (
        <Suspense fallback={<div className="compare compare--placeholder" aria-hidden="true" />}>
          <OptimizeCompare
            optimized={record.optimized}
            withIt={r}
            without={record.withoutOptimize}
          />
        </Suspense>
      )}
    </div>
  );
}
