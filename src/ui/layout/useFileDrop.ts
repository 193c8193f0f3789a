// Drag and drop anywhere on the page: a file dropped opens like one picked. An element marked
// data-file-drop (the Files panel) handles its own drops: files for the program, not modules.
import { useEffect, useState } from "react";

export function useFileDrop(onFile: (file: File) => void): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes("Files") ?? false;
    const ownDropZone = (e: DragEvent) =>
      e.target instanceof Element && e.target.closest("[data-file-drop]") !== null;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(!ownDropZone(e));
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Over a zone with its own drop: no page-wide overlay, the zone shows its own.
      setOver(!ownDropZone(e));
      if (ownDropZone(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      if (ownDropZone(e)) {
        depth = 0;
        setOver(false);
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) onFile(file);
    };
    // Capture phase: Monaco's own drop handling must not swallow a dropped file.
    window.addEventListener("dragenter", enter, true);
    window.addEventListener("dragleave", leave, true);
    window.addEventListener("dragover", overHandler, true);
    window.addEventListener("drop", drop, true);
    return () => {
      window.removeEventListener("dragenter", enter, true);
      window.removeEventListener("dragleave", leave, true);
      window.removeEventListener("dragover", overHandler, true);
      window.removeEventListener("drop", drop, true);
    };
  }, [onFile]);
  return over;
}
