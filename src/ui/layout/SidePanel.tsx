// The right column's tabs: result, files, limits, imports, module, profile, history.
import { Suspense, useEffect, type KeyboardEvent } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import type { PanelTab } from "../state/types";
import { Dashboard } from "../dashboard/Dashboard";
import { LAZY_PANELS, preloadPanel } from "./panels";

const TABS: { id: PanelTab; label: string }[] = [
  { id: "result", label: "Result" },
  { id: "files", label: "Files" },
  { id: "limits", label: "Limits" },
  { id: "imports", label: "Imports" },
  { id: "module", label: "Module" },
  { id: "profile", label: "Profile" },
  { id: "history", label: "History" },
];

export function SidePanel() {
  const playground = usePlayground();
  const tab = usePlaygroundState((s) => s.tab);
  const historyCount = usePlaygroundState((s) => s.history.length);
  const importCount = usePlaygroundState((s) => s.compiled?.info?.imports.length ?? 0);
  const fileCount = usePlaygroundState((s) => s.io.files.length);
  const profiling = usePlaygroundState((s) => s.profileRuns);
  // A profiled run's result opens Profile: have it ready by then.
  useEffect(() => {
    if (profiling) preloadPanel("profile");
  }, [profiling]);
  const onKeyDown = (e: KeyboardEvent) => {
    // Move from the tab that has focus (the selection may be changing under it).
    const focused = TABS.findIndex((t) => `tab-${t.id}` === (e.target as HTMLElement).id);
    const i = focused >= 0 ? focused : TABS.findIndex((t) => t.id === tab);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TABS[(i + step + TABS.length) % TABS.length]!.id;
    playground.setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <section className="side-panel">
      <div className="tabs" role="tablist" aria-label="Panels" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            data-testid={`tab-${t.id}`}
            onClick={() => playground.setTab(t.id)}
            onPointerEnter={() => preloadPanel(t.id)}
            onFocus={() => preloadPanel(t.id)}
          >
            {t.label}
            {t.id === "history" && historyCount > 0 && (
              <span className="count">{historyCount}</span>
            )}
            {t.id === "imports" && importCount > 0 && <span className="count">{importCount}</span>}
            {t.id === "files" && fileCount > 0 && <span className="count">{fileCount}</span>}
          </button>
        ))}
      </div>
      <div
        className="tabpanel"
        role="tabpanel"
        id={`tabpanel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        tabIndex={0}
      >
        {tab === "result" ? <Dashboard /> : <LazyPanel tab={tab} />}
      </div>
    </section>
  );
}

/** A panel fetched on first use; until it arrives the tab's area stays empty (it does not resize). */
function LazyPanel({ tab }: { tab: Exclude<PanelTab, "result"> }) {
  const Panel = LAZY_PANELS[tab];
  return (
    <Suspense fallback={<div data-testid="panel-loading" aria-busy="true" />}>
      <Panel />
    </Suspense>
  );
}
