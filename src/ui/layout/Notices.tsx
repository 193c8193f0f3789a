// Messages about files, links and the toolchain; they never replace the work on the page.
import { usePlayground, usePlaygroundState } from "../state/context";

export function Notices() {
  const playground = usePlayground();
  const notices = usePlaygroundState((s) => s.notices);
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice--${n.tone}`}
          role={n.tone === "error" ? "alert" : "status"}
          data-testid="notice"
        >
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                n.action?.run();
                playground.dismissNotice(n.id);
              }}
            >
              {n.action.label}
            </button>
          )}
          <button
            type="button"
            className="button button--icon"
            aria-label="Dismiss"
            onClick={() => playground.dismissNotice(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
