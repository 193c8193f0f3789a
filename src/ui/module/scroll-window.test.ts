import { describe, expect, it } from "vitest";
import { MAX_SCROLL_PX, OVERSCAN_ROWS, scrollWindow } from "./scroll-window";

const ROW = 18;

describe("scrollWindow", () => {
  it("renders only the rows in view (and a few around them) of a short list", () => {
    const view = scrollWindow({ rowCount: 1000, rowHeight: ROW, viewport: 180, scrollTop: 900 });
    expect(view.scrollHeight).toBe(18_000);
    expect(view.first).toBe(50 - OVERSCAN_ROWS);
    expect(view.end).toBe(50 + 11 + OVERSCAN_ROWS);
    // Unscaled: a row sits at its own position.
    expect(view.windowTop).toBe(view.first * ROW);
  });

  it("keeps the scrolled content under the browser's height limit, and the last row reachable", () => {
    const rowCount = 6_000_000;
    const viewport = 600;
    const top = scrollWindow({ rowCount, rowHeight: ROW, viewport, scrollTop: 0 });
    expect(top.scrollHeight).toBe(MAX_SCROLL_PX);
    expect(top.first).toBe(0);
    const bottom = scrollWindow({ rowCount, rowHeight: ROW, viewport, scrollTop: MAX_SCROLL_PX });
    expect(bottom.end).toBe(rowCount);
    // The last row ends at the bottom of the box.
    const lastTop = bottom.windowTop + (rowCount - 1 - bottom.first) * ROW;
    expect(lastTop + ROW).toBeCloseTo(MAX_SCROLL_PX, 3);
  });

  it("scrolls a jump target into view, scaled or not", () => {
    for (const rowCount of [500, 6_000_000]) {
      const viewport = 600;
      const row = Math.floor(rowCount * 0.73);
      const scrollTop = scrollWindow({
        rowCount,
        rowHeight: ROW,
        viewport,
        scrollTop: 0,
      }).scrollTopFor(row);
      const view = scrollWindow({ rowCount, rowHeight: ROW, viewport, scrollTop });
      expect(row).toBeGreaterThanOrEqual(view.first + OVERSCAN_ROWS);
      expect(row).toBeLessThan(view.end - OVERSCAN_ROWS);
      const y = view.windowTop + (row - view.first) * ROW - scrollTop; // within the box
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(viewport);
    }
  });

  it("shows nothing for an empty list", () => {
    const view = scrollWindow({ rowCount: 0, rowHeight: ROW, viewport: 300, scrollTop: 0 });
    expect([view.first, view.end, view.scrollHeight]).toEqual([0, 0, 0]);
  });
});
