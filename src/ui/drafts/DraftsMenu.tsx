// The drafts history: the person's drafts and the links they opened, newest first, each with
// its time, language, first line and size; one click restores one. Also "Save as file".
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import type { DraftSummary } from "../../share";
import { useMenuDismiss } from "../common/useMenuDismiss";
import type { DraftController } from "./draft-controller";

// The open menu's list loads when the menu is first opened; pointing at the button starts it.
const loadList = () => import("./DraftsList");
const DraftsList = lazy(() => loadList().then((m) => ({ default: m.DraftsList })));

export function DraftsMenu({ drafts }: { drafts: DraftController }) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<DraftSummary[] | null>(null);
  const root = useMenuDismiss(
    open,
    useCallback(() => setOpen(false), []),
  );
  useEffect(() => {
    if (!open) return;
    let live = true;
    void drafts
      .flush()
      .then(() => drafts.list())
      .then((l) => live && setList(l));
    return () => {
      live = false;
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
        onPointerEnter={() => void loadList()}
        onFocus={() => void loadList()}
      >
        Drafts ▾
      </button>
      {open && (
        <Suspense fallback={null}>
          <DraftsList
            list={list}
            current={current}
            onSave={() => {
              setOpen(false);
              void drafts.saveAsFile();
            }}
            onRestore={(id) => {
              setOpen(false);
              void drafts.restore(id);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
