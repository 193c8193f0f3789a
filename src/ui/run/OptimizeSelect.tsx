// binaryen's optimizer for every module (off, -O1 … -O4, -Os, -Oz): applied before
// instrumentation on the next run; carried by share links.
import { usePlayground, usePlaygroundState } from "../state/context";
import { OPTIMIZE_LEVELS, type OptimizeLevel } from "../../sandbox/toolchain/optimize";

export function OptimizeSelect() {
  const playground = usePlayground();
  const level = usePlaygroundState((s) => s.optimize);
  return (
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
  );
}
