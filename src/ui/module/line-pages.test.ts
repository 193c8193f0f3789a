import { describe, expect, it, vi } from "vitest";
import { LinePages, PAGE_LINES } from "./line-pages";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function source(total: number) {
  const calls: [number, number][] = [];
  const fetch = async (from: number, count: number) => {
    calls.push([from, count]);
    return Array.from({ length: Math.min(count, total - from) }, (_, i) => `line ${from + i}`);
  };
  return { calls, fetch };
}

describe("LinePages", () => {
  it("fetches each page once, and serves its lines once it arrives", async () => {
    const { calls, fetch } = source(10_000);
    const onChange = vi.fn();
    const pages = new LinePages(fetch, onChange, () => {});
    pages.want(PAGE_LINES - 2, PAGE_LINES + 3);
    pages.want(PAGE_LINES - 2, PAGE_LINES + 3); // already on its way
    expect(pages.get(PAGE_LINES)).toBeUndefined();
    await settle();
    expect(calls).toEqual([
      [0, PAGE_LINES],
      [PAGE_LINES, PAGE_LINES],
    ]);
    expect(pages.get(PAGE_LINES - 1)).toBe(`line ${PAGE_LINES - 1}`);
    expect(pages.get(PAGE_LINES + 2)).toBe(`line ${PAGE_LINES + 2}`);
    expect(onChange).toHaveBeenCalledTimes(2);
    pages.want(0, 10);
    await settle();
    expect(calls).toHaveLength(2);
  });

  it("keeps a bounded number of pages, dropping the least recently wanted", async () => {
    const { calls, fetch } = source(10_000_000);
    const pages = new LinePages(
      fetch,
      () => {},
      () => {},
    );
    for (let page = 0; page < 200; page++) pages.want(page * PAGE_LINES, page * PAGE_LINES + 1);
    await settle();
    expect(pages.get(0)).toBeUndefined();
    expect(pages.get(199 * PAGE_LINES)).toBe(`line ${199 * PAGE_LINES}`);
    pages.want(0, 1);
    await settle();
    expect(calls.filter(([from]) => from === 0)).toHaveLength(2);
  });

  it("says once when the document is gone", async () => {
    const onLost = vi.fn();
    const pages = new LinePages(
      async () => null,
      () => {},
      onLost,
    );
    pages.want(0, PAGE_LINES * 3);
    await settle();
    expect(onLost).toHaveBeenCalledTimes(1);
  });
});
