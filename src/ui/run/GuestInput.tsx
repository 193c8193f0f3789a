// WASI inputs of a run: stdin and argv, folded away until needed.
import { usePlayground, usePlaygroundState } from "../state/context";

export function GuestInput() {
  const playground = usePlayground();
  const io = usePlaygroundState((s) => s.io);
  const used = io.stdin !== "" || io.argv.length > 0;
  return (
    <details className="guest-input" open={used || undefined}>
      <summary className="small">Program input (WASI stdin, argv){used ? " · set" : ""}</summary>
      <label className="field">
        <span className="field__label">stdin</span>
        <textarea
          data-testid="stdin"
          rows={2}
          value={io.stdin}
          onChange={(e) => playground.setIo({ stdin: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field__label">argv (after the program name, space-separated)</span>
        <input
          data-testid="argv"
          value={io.argv.join(" ")}
          onChange={(e) => playground.setIo({ argv: e.target.value.split(/\s+/).filter(Boolean) })}
        />
      </label>
    </details>
  );
}
