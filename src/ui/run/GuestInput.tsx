// WASI inputs of a run: stdin, argv and environment variables, folded away until needed.
import { lazy, Suspense, useState } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";

// The argv and environment editors load when the fold first opens (or opens with input in it);
// pointing at the fold starts the fetch.
const loadLists = () => import("./InputLists");
const ArgvList = lazy(() => loadLists().then((m) => ({ default: m.ArgvList })));
const EnvList = lazy(() => loadLists().then((m) => ({ default: m.EnvList })));

export function GuestInput() {
  const playground = usePlayground();
  const io = usePlaygroundState((s) => s.io);
  const used = io.stdin !== "" || io.argv.length > 0 || io.env.length > 0;
  const [opened, setOpened] = useState(false);
  const summary = [
    io.argv.length > 0 ? `${io.argv.length} arg${io.argv.length === 1 ? "" : "s"}` : "",
    io.env.length > 0 ? `${io.env.length} env` : "",
    io.stdin !== "" ? "stdin" : "",
  ].filter(Boolean);
  return (
    <details
      className="guest-input"
      open={used || undefined}
      data-testid="program-input"
      onToggle={(e) => setOpened(e.currentTarget.open)}
    >
      <summary
        className="small"
        onPointerEnter={() => void loadLists()}
        onFocus={() => void loadLists()}
      >
        Program input (WASI argv, environment, stdin)
        {summary.length > 0 && <span className="muted"> · {summary.join(", ")}</span>}
      </summary>
      <div className="guest-input__grid">
        {(opened || used) && (
          <Suspense fallback={null}>
            <ArgvList argv={io.argv} onChange={(argv) => playground.setIo({ argv })} />
            <EnvList env={io.env} onChange={(env) => playground.setIo({ env })} />
          </Suspense>
        )}
      </div>
      <label className="field">
        <span className="field__label">stdin</span>
        <textarea
          data-testid="stdin"
          rows={1}
          value={io.stdin}
          placeholder="empty: the program reads end-of-file at once"
          onChange={(e) => playground.setIo({ stdin: e.target.value })}
        />
      </label>
    </details>
  );
}
