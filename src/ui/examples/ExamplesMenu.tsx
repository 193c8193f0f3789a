// The Examples menu: a native <select>-free disclosure list, keyboard reachable.
import { lazy, Suspense, useCallback, useState } from "react";
import { useMenuDismiss } from "../common/useMenuDismiss";
import { usePlayground } from "../state/context";

// The open menu's list loads when the menu is first opened; pointing at the button starts it.
const loadList = () => import("./ExamplesList");
const ExamplesList = lazy(() => loadList().then((m) => ({ default: m.ExamplesList })));

export function ExamplesMenu() {
  const playground = usePlayground();
  const [open, setOpen] = useState(false);
  const root = useMenuDismiss(
    open,
    useCallback(() => setOpen(false), []),
  );
  const choose = (id: string, run: boolean) => {
    setOpen(false);
    void playground.loadExample(id).then(async (ok) => {
      if (ok && run) await playground.run();
    });
  };
  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="button"
        aria-haspopup="true"
        aria-expanded={open}
        data-testid="examples-button"
        onClick={() => setOpen((o) => !o)}
        onPointerEnter={() => void loadList()}
        onFocus={() => void loadList()}
      >
        Examples ▾
      </button>
      {open && (
        <Suspense fallback={null}>
          <ExamplesList choose={choose} />
        </Suspense>
      )}
    </div>
  );
}
