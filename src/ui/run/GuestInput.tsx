// WASI inputs of a run: stdin, argv and environment variables, folded away until needed.
import { usePlayground, usePlaygroundState } from "../state/context";
import { ArgvList, EnvList } from "./InputLists";

export function GuestInput() {
  const playground = usePlayground();
  const io = usePlaygroundState((s) => s.io);
  const used = io.stdin !== "" || io.argv.length > 0 || io.env.length > 0;
  const summary = [
    io.argv.length > 0 ? `${io.argv.length} arg${io.argv.length === 1 ? "" : "s"}` : "",
    io.env.length > 0 ? `${io.env.length} env` : "",
    io.stdin !== "" ? "stdin" : "",
  ].filter(Boolean);
  return (
    <details className="guest-input" open={used || undefined} data-testid="program-input">
      <summary className="small">
        Program input (WASI argv, environment, stdin)
        {summary.length > 0 && <span className="muted"> · {summary.join(", ")}</span>}
      </summary>
      <div className="guest-input__grid">
        <ArgvList argv={io.argv} onChange={(argv) => playground.setIo({ argv })} />
        <EnvList env={io.env} onChange={(env) => playground.setIo({ env })} />
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
