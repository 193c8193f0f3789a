// The page: header, editor and console on the left, run controls and panels on the right.
import { useCallback, useEffect, type ReactNode } from "react";
import { usePlayground } from "../state/context";
import { useTheme } from "../theme/useTheme";
import { EditorPane } from "../editor/EditorPane";
import { ConsolePanel } from "../console/ConsolePanel";
import { RunPanel } from "../run/RunPanel";
import { Header } from "./Header";
import { Notices } from "./Notices";
import { SidePanel } from "./SidePanel";
import { useFileDrop } from "./useFileDrop";

export function App({ shareSlot }: { shareSlot?: ReactNode }) {
  const playground = usePlayground();
  const [theme, toggleTheme] = useTheme();
  const onFile = useCallback((file: File) => void playground.openFile(file), [playground]);
  const dragging = useFileDrop(onFile);

  useEffect(() => {
    // Ctrl/Cmd+Enter runs from anywhere (the editor binds it too); Escape stops a run.
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return; // the editor handled it already
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        void playground.run();
      } else if (e.key === "Escape" && playground.store.get().running) {
        playground.stop();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [playground]);

  return (
    <div className="app">
      <Header theme={theme} onToggleTheme={toggleTheme} shareSlot={shareSlot} />
      <Notices />
      <main className="workspace">
        <div className="workspace__left">
          <EditorPane dark={theme === "dark"} />
          <ConsolePanel />
        </div>
        <div className="workspace__right">
          <RunPanel />
          <SidePanel />
        </div>
      </main>
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <p>Drop a .wasm, .wat or .ts file to open it</p>
        </div>
      )}
    </div>
  );
}
