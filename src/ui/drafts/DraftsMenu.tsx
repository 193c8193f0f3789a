// The drafts history: the person's drafts and the links they opened, newest first, each with
// its time, language, first line and size; one click restores one. Also "Save as file".
import { useEffect, useRef, useState } from "react";
import type { DraftSummary } from "../../share";
import type { DraftController } from "./draft-controller";

function when(savedAt: number): string {
  const date = new Date(savedAt);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : date.toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const LANGUAGE_NAMES: Record<string, string> = {
  wat: "WAT",
  assemblyscript: "AssemblyScript",
  wasm: "module",
};

export function DraftsMenu({ drafts }: { drafts: DraftController }) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<DraftSummary[] | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void drafts
      .flush()
      .then(() => drafts.list())
      .then((l) => live && setList(l));
    const close = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", onKey);
    return () => {
      live = false;
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, drafts]);
  const current = drafts.currentId();
  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="button"
        aria-haspopup="true"
        aria-expanded={open}
        data-testid="drafts-button"
        onClick={() => {
          setList(null);
          setOpen((o) => !o);
        }}
      >
        Drafts ▾
      </button>
      {open && (
        <ul className="menu__list menu__list--end" data-testid="drafts-menu">
          <li className="menu__item">
            <button
              type="button"
              className="menu__main"
              data-testid="save-file"
              onClick={() => {
                setOpen(false);
                void drafts.saveAsFile();
              }}
            >
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
                onClick={() => {
                  setOpen(false);
                  void drafts.restore(d.id);
                }}
              >
                <strong>{d.title}</strong>
                <span className="small muted">
                  {when(d.savedAt)} · {LANGUAGE_NAMES[d.language] ?? d.language} · {size(d.size)}
                  {d.origin === "link" ? " · opened link" : ""}
                  {d.id === current ? " · on the page" : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
