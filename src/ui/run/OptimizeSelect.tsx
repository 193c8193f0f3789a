// binaryen's optimizer for every module (off, -O1 … -O4, -Os, -Oz): applied before
// instrumentation on the next run; carried by share links. With it on, runs can also run the
// module as built, for the dashboard's side-by-side comparison.
import { usePlayground, usePlaygroundState } from "../state/context";
import { OPTIMIZE_LEVELS, type OptimizeLevel } from "../../sandbox/toolchain/optimize";

export function OptimizeSelect() {
  const playground = usePlayground();
  const level = usePlaygroundState((s) => s.optimize);
  const compare = usePlaygroundState((s) => s.compareOptimize);
  return (
    <>
      <label title="binaryen's optimizer (wasm-opt), run in the toolchain worker before instrumentation">
        binaryen{" "}
        <select
          value={level}
          data-testid="optimize-level"
          onChange={(e) => playground.setOptimize(e.target.value as OptimizeLevel)}
        >
          {OPTIMIZE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l === "none" ? "off" : `-${l}`}
            </option>
          ))}
        </select>
      </label>
      {level !== "none" && (
        <label
          className="checkbox"
          title="Also run the module as built: size, fuel and time side by side"
        >
          <input
            type="checkbox"
            data-testid="compare-optimize"
            checked={compare}
            onChange={(e) => playground.setCompareOptimize(e.target.checked)}
          />
          compare without
        </label>
      )}
    </>
  );
}
