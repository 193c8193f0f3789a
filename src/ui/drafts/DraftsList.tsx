// The open Drafts menu: "Save as file" and the drafts on this browser (DraftsMenu loads it on
// first use).
import type { DraftSummary } from "../../share";
import { formatBytes } from "../dashboard/format";

const two = (n: number) => String(n).padStart(2, "0");

/** "14:05" today, "2026-12-05 14:05" before; written out, not Intl (see src/sandbox/digits.ts). */
function when(savedAt: number): string {
  const date = new Date(savedAt);
  const time = `${two(date.getHours())}:${two(date.getMinutes())}`;
  if (new Date().toDateString() === date.toDateString()) return time;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${time}`;
}

const LANGUAGE_NAMES: Record<string, string> = {
  wat: "WAT",
  assemblyscript: "AssemblyScript",
  wasm: "module",
};

export function DraftsList({
  list,
  current,
  onSave,
  onRestore,
}: {
  list: DraftSummary[] | null;
  current: string | null;
  onSave(): void;
  onRestore(id: string): void;
}) {
  return (
    <ul className="menu__list menu__list--end" data-testid="drafts-menu">
      <li className="menu__item">
        <button type="button" className="menu__main" data-testid="save-file" onClick={onSave}>
          <strong>Save as file…</strong>
          <span className="small muted">
            The code, module, limits and inputs in one file; drop it on the page to open it.
          </span>
        </button>
      </li>
      <li className="menu__group" role="presentation">
        Drafts on this browser
      </li>
      {list === null && <li className="small muted menu__note">Reading…</li>}
      {list?.length === 0 && <li className="small muted menu__note">No drafts yet.</li>}
      {list?.map((d) => (
        <li className="menu__item" key={d.id}>
          <button
            type="button"
            className="menu__main"
            data-testid="draft-entry"
            data-draft-id={d.id}
            aria-current={d.id === current ? "true" : undefined}
            onClick={() => onRestore(d.id)}
          >
            <strong>{d.title}</strong>
            <span className="small muted">
              {when(d.savedAt)} · {LANGUAGE_NAMES[d.language] ?? d.language} · {formatBytes(d.size)}
              {d.origin === "link" ? " · opened link" : ""}
              {d.id === current ? " · on the page" : ""}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
