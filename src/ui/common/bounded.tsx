// Lists that a module, a link or a guest can make long are cut before they reach the DOM or an
// argument list: a row per item of 100,000 imports (or a spread of 200,000 section sizes into
// Math.max) freezes or blanks the page. One place for the cut and for the line that admits it.
import { groupDigits } from "../../sandbox/digits";

/** Rows shown of one list; the rest is counted, not rendered. */
export const MAX_LIST_ROWS = 200;

export function firstRows<T>(
  items: readonly T[],
  max = MAX_LIST_ROWS,
): { rows: readonly T[]; hidden: number } {
  return items.length <= max
    ? { rows: items, hidden: 0 }
    : { rows: items.slice(0, max), hidden: items.length - max };
}

/** The largest of `values` (at least `floor`) without spreading them into a call. */
export function largest<T>(items: readonly T[], value: (item: T) => number, floor = 0): number {
  let max = floor;
  for (const item of items) max = Math.max(max, value(item));
  return max;
}

/** The line that stands for the rows not shown. */
export function MoreRows({ hidden, what }: { hidden: number; what: string }) {
  if (hidden <= 0) return null;
  return (
    <li className="muted small" data-testid="more-rows">
      … and {groupDigits(hidden)} more {what} (not listed)
    </li>
  );
}
