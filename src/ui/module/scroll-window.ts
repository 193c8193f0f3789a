// Which rows a virtual list shows for a scroll position, and where to scroll for a row. Past
// MAX_SCROLL_PX the scrollbar stands for proportionally more rows per pixel (browsers cap an
// element's height), so every row stays reachable by scrolling, dragging or a jump.

/** Well under Chromium's ~33.5 M px and Firefox's ~17.9 M px element height limits. */
export const MAX_SCROLL_PX = 8_000_000;
/** Rows rendered above and below the viewport, so a small scroll shows no blank. */
export const OVERSCAN_ROWS = 8;

export interface ScrollInput {
  rowCount: number;
  rowHeight: number;
  /** Height of the scrolling box, in px. */
  viewport: number;
  scrollTop: number;
}

export interface ScrollView {
  /** Height of the scrolled content. */
  scrollHeight: number;
  /** Rows to render: [first, end). */
  first: number;
  end: number;
  /** Where the first rendered row goes, in the scrolled content's coordinates. */
  windowTop: number;
  /** The scrollTop that brings `row` into view, a third of the way down. */
  scrollTopFor(row: number): number;
}

export function scrollWindow({
  rowCount,
  rowHeight,
  viewport,
  scrollTop,
}: ScrollInput): ScrollView {
  const fullHeight = rowCount * rowHeight;
  const scrollHeight = Math.min(fullHeight, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, scrollHeight - viewport);
  const maxOffset = Math.max(0, fullHeight - viewport);
  // Pixels of the full list per pixel of scrollbar: 1 until the cap.
  const scale = maxScroll > 0 ? maxOffset / maxScroll : 1;
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const offset = top * scale;
  const firstVisible = Math.floor(offset / rowHeight);
  const first = Math.max(0, firstVisible - OVERSCAN_ROWS);
  const visibleRows = Math.ceil(viewport / rowHeight) + 1;
  const end = Math.min(rowCount, firstVisible + visibleRows + OVERSCAN_ROWS);
  // The first visible row sits at the box's top edge (less the part scrolled past).
  const windowTop = top - (offset - first * rowHeight);
  const scrollTopFor = (row: number) => {
    const wanted = Math.max(0, row * rowHeight - viewport / 3);
    return Math.min(maxScroll, wanted / scale);
  };
  return { scrollHeight, first, end, windowTop, scrollTopFor };
}
