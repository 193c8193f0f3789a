// The flame graph (an icicle: callers above callees) of a run's fuel by call path, on a canvas:
// each bar as wide as the fuel spent in that path and below it. Clicking a bar zooms into it.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import type { ProfileColumns } from "../../sandbox/types";
import {
  flameBars,
  functionName,
  percentOf,
  type FlameBar,
  type FlameLayout,
} from "./profile-view";
import { groupDigits } from "../../sandbox/digits";

const ROW = 18;
const MAX_ROWS = 48;

/** A stable warm colour per function. */
function colourOf(func: number): string {
  const h = Math.imul(func + 1, 0x9e3779b1) >>> 0;
  return `hsl(${10 + (h % 40)}, ${60 + ((h >>> 8) % 25)}%, ${58 + ((h >>> 16) % 14)}%)`;
}

export function FlameGraph(props: {
  columns: ProfileColumns;
  layout: FlameLayout;
  focus: number;
  onFocus(node: number): void;
}) {
  const { columns, layout, focus, onFocus } = props;
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [hint, setHint] = useState("");

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const bars = useMemo(
    () => flameBars(columns, layout, focus, width, MAX_ROWS),
    [columns, layout, focus, width],
  );

  useEffect(() => {
    const shown = bars;
    const c = canvas.current;
    const context = c?.getContext("2d");
    if (!c || !context) return;
    const rows = shown.reduce((m, b) => Math.max(m, b.row + 1), 1);
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.max(1, Math.floor(width * ratio));
    c.height = rows * ROW * ratio;
    c.style.height = `${rows * ROW}px`;
    context.scale(ratio, ratio);
    context.font = "11px ui-monospace, monospace";
    context.textBaseline = "middle";
    for (const bar of shown) {
      const y = bar.row * ROW;
      context.fillStyle = bar.node === 0 ? "#94a3b8" : colourOf(columns.func[bar.node]);
      context.fillRect(bar.x, y, Math.max(1, bar.width - 1), ROW - 1);
      if (bar.width > 30) {
        const label = bar.node === 0 ? "whole run" : functionName(columns, columns.func[bar.node]);
        context.fillStyle = "#111";
        context.save();
        context.beginPath();
        context.rect(bar.x, y, bar.width - 4, ROW);
        context.clip();
        context.fillText(label, bar.x + 3, y + ROW / 2);
        context.restore();
      }
    }
  }, [columns, bars, width]);

  const barAt = (e: MouseEvent<HTMLCanvasElement>): FlameBar | undefined => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const row = Math.floor((e.clientY - rect.top) / ROW);
    return bars.find((b) => b.row === row && x >= b.x && x < b.x + b.width);
  };
  const describe = (bar: FlameBar): string => {
    const name = bar.node === 0 ? "whole run" : functionName(columns, columns.func[bar.node]);
    const total = columns.total[bar.node];
    return `${name}: ${groupDigits(total)} fuel (${percentOf(total, columns.total[0])} of the run), own ${groupDigits(columns.self[bar.node])}, ${groupDigits(columns.calls[bar.node])} calls`;
  };

  return (
    <div ref={box} className="flame-graph" data-testid="flame-graph" data-bars={bars.length}>
      <canvas
        ref={canvas}
        role="img"
        aria-label="Flame graph of fuel by call path; click a bar to zoom into it"
        onMouseMove={(e) => {
          const bar = barAt(e);
          setHint(bar ? describe(bar) : "");
        }}
        onMouseLeave={() => setHint("")}
        onClick={(e) => {
          const bar = barAt(e);
          if (bar) onFocus(bar.node);
        }}
      />
      <div className="flame-graph__hint" data-testid="flame-hint" aria-live="polite">
        {hint || "Hover a bar for its fuel; click to zoom in."}
      </div>
    </div>
  );
}
