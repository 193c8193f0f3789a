// A scrolling list that renders only the rows in view, for any number of rows: past what a
// browser can make tall (Chromium stops near 33 million pixels), the scrollbar is scaled, so
// CRuby's 6 million lines of WAT scroll like 6 hundred.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { scrollWindow } from "./scroll-window";

export interface ScrollRequest {
  row: number;
  /** A new object per request, so asking for the same row twice scrolls twice. */
  nonce: number;
}

export interface VirtualRowsProps {
  rowCount: number;
  rowHeight: number;
  renderRow(index: number): ReactNode;
  /** Called with the rows in view (first, end exclusive) whenever they change. */
  onRange?(first: number, end: number): void;
  scrollTo?: ScrollRequest | null;
  className?: string;
  label: string;
  testId?: string;
}

export function VirtualRows(props: VirtualRowsProps) {
  const { rowCount, rowHeight, renderRow, onRange, scrollTo, className, label, testId } = props;
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const view = scrollWindow({ rowCount, rowHeight, viewport: height, scrollTop });

  useEffect(() => {
    onRange?.(view.first, view.end);
  }, [onRange, view.first, view.end]);

  useEffect(() => {
    const element = box.current;
    if (!scrollTo || !element) return;
    const target = view.scrollTopFor(scrollTo.row);
    element.scrollTop = target;
    setScrollTop(element.scrollTop);
    // Only a new request scrolls; the geometry changing under it does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTo]);

  const rows: ReactNode[] = [];
  for (let i = view.first; i < view.end; i++) rows.push(renderRow(i));
  return (
    <div
      ref={box}
      className={`virtual-rows ${className ?? ""}`}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid={testId}
      data-first-row={view.first}
    >
      <div className="virtual-rows__spacer" style={{ height: view.scrollHeight }} />
      <div className="virtual-rows__window" style={{ top: view.windowTop }}>
        {rows}
      </div>
    </div>
  );
}
