// A disclosure menu closes on a pointer press outside it and on Escape, and opens inside the
// viewport (on a narrow phone a menu anchored to its button would reach past the screen's edge).
import { useEffect, useLayoutEffect, useRef } from "react";

/** Space kept between an open menu and the viewport's edges, in CSS pixels. */
const EDGE_PX = 8;

/** Shifts the menu's list sideways, just enough to sit within the viewport. */
function keepInViewport(list: HTMLElement): void {
  list.style.transform = "";
  const rect = list.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  let shift = 0;
  if (rect.right > width - EDGE_PX) shift = width - EDGE_PX - rect.right;
  if (rect.left + shift < EDGE_PX) shift = EDGE_PX - rect.left;
  if (shift !== 0) list.style.transform = `translateX(${Math.round(shift)}px)`;
}

/** Returns the ref for the menu's root element; `close` runs while `open` is true. */
export function useMenuDismiss(open: boolean, close: () => void) {
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const list = open ? root.current?.querySelector<HTMLElement>(".menu__list") : null;
    if (!list) return;
    keepInViewport(list);
    const onResize = () => keepInViewport(list);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, close]);
  return root;
}
