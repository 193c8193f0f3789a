// The lines of a disassembly the page has fetched, by pages, with a bound on how many pages are
// kept: scrolling through 6 million lines keeps only what is near the view.

export const PAGE_LINES = 256;
const MAX_PAGES = 64;

export type FetchLines = (from: number, count: number) => Promise<string[] | null>;

export class LinePages {
  private readonly pages = new Map<number, string[]>();
  private readonly pending = new Set<number>();
  private lost = false;

  constructor(
    private readonly fetchLines: FetchLines,
    /** Called when fetched lines arrive (to re-render). */
    private readonly onChange: () => void,
    /** Called once if the document is gone from the worker. */
    private readonly onLost: () => void,
  ) {}

  /** The line, or undefined while its page is on its way. */
  get(line: number): string | undefined {
    return this.pages.get(Math.floor(line / PAGE_LINES))?.[line % PAGE_LINES];
  }

  /** Fetches the pages that hold lines [first, end) and are not here or on their way. */
  want(first: number, end: number): void {
    if (end <= first) return;
    for (let page = Math.floor(first / PAGE_LINES); page * PAGE_LINES < end; page++) {
      if (this.pages.has(page)) {
        // Most recently used last, so eviction drops what is far from the view.
        const lines = this.pages.get(page)!;
        this.pages.delete(page);
        this.pages.set(page, lines);
      } else if (!this.pending.has(page)) this.fetch(page);
    }
  }

  private fetch(page: number): void {
    this.pending.add(page);
    void this.fetchLines(page * PAGE_LINES, PAGE_LINES).then((lines) => {
      this.pending.delete(page);
      if (lines === null) {
        if (!this.lost) this.onLost();
        this.lost = true;
        return;
      }
      this.pages.set(page, lines);
      while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
      this.onChange();
    });
  }
}
