// The Share button (Ctrl/Cmd+S), the drafts (history, save as file) and the way back to the
// draft a link replaced.
import { useEffect, useMemo, useState } from "react";
import { usePlaygroundState } from "../state/context";
import type { ShareController } from "./share-controller";
import { DraftsMenu } from "../drafts/DraftsMenu";
import { groupDigits } from "../../sandbox/digits";

const isMac = typeof navigator !== "undefined" && /Mac|iP(hone|ad)/.test(navigator.platform);
const SHORTCUT = isMac ? "⌘S" : "Ctrl+S";

export function ShareControls({ share }: { share: ShareController }) {
  const [last, setLast] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notices = usePlaygroundState((s) => s.notices);
  // Every share/restore/link event posts a notice: read the draft slot again then.
  const hasPrevious = useMemo(() => notices && share.hasPrevious(), [share, notices]);

  const onShare = async () => {
    setBusy(true);
    const outcome = await share.share();
    setBusy(false);
    setLast(
      outcome.ok
        ? `${groupDigits(outcome.chars)} chars${outcome.warning ? " ⚠" : ""}`
        : "not shared",
    );
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void share
          .share()
          .then((o) => setLast(o.ok ? `${groupDigits(o.chars)} chars` : "not shared"));
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [share]);

  return (
    <div className="share-controls">
      {hasPrevious && (
        <button
          type="button"
          className="link-button"
          data-testid="restore-draft"
          onClick={() => void share.restorePrevious()}
        >
          Restore previous draft
        </button>
      )}
      <DraftsMenu drafts={share.drafts} />
      {last && (
        <span className="small muted" data-testid="share-size">
          {last}
        </span>
      )}
      <button
        type="button"
        className="button"
        data-testid="share"
        disabled={busy}
        onClick={() => void onShare()}
        title={`Copy a link to this code, limits and inputs (${SHORTCUT})`}
      >
        Share <kbd>{SHORTCUT}</kbd>
      </button>
    </div>
  );
}
