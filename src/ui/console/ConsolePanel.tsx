// Console: compile messages, run lines, and the guest's stdout/stderr as they stream in.
import { useEffect, useRef } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";

export function ConsolePanel() {
  const playground = usePlayground();
  const entries = usePlaygroundState((s) => s.console);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);
  return (
    <section className="console" aria-label="Console">
      <div className="panel-bar">
        <h2 className="panel-title">Console</h2>
        <button type="button" className="link-button" onClick={() => playground.clearConsole()}>
          Clear
        </button>
      </div>
      <div
        className="console__body"
        ref={list}
        data-testid="console"
        role="log"
        aria-live="polite"
        tabIndex={0}
      >
        {entries.length === 0 && <p className="muted">Output of your program appears here.</p>}
        {entries.map((e) => (
          <pre
            key={e.id}
            className={`console__entry console__entry--${e.stream}`}
            data-stream={e.stream}
          >
            {e.text}
          </pre>
        ))}
      </div>
    </section>
  );
}
