// One module's WAT: its functions (filter, jump), a search through the whole text, and the lines,
// of which only those in view are fetched from the worker and rendered.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Match } from "../../sandbox/disassembly/api";
import type { Disassembly } from "./useDisassembly";
import { FunctionList } from "./FunctionList";
import { VirtualRows, type ScrollRequest } from "./VirtualRows";
import { groupDigits } from "../../sandbox/digits";

export const LINE_HEIGHT = 18;
const COUNT_CAP = 100_000;

type Ready = Extract<Disassembly, { status: "ready" }>;

export function DisassemblyView({ doc, version }: { doc: Ready; version: number }) {
  const { host, id, summary, pages } = doc;
  const [query, setQuery] = useState("");
  const [match, setMatch] = useState<Match | null>(null);
  const [found, setFound] = useState<{ count: number; capped: boolean } | null>(null);
  const [searching, setSearching] = useState(false);
  const [scrollTo, setScrollTo] = useState<ScrollRequest | null>(null);
  const [focusLine, setFocusLine] = useState<number | null>(null);
  const nonce = useRef(0);

  const jump = useCallback((line: number) => {
    setFocusLine(line);
    setScrollTo({ row: line, nonce: ++nonce.current });
  }, []);

  // Count the matches once typing pauses; the search itself is on Enter / the arrows.
  useEffect(() => {
    if (query === "") return;
    let live = true;
    const timer = setTimeout(() => {
      void host.count(id, query, COUNT_CAP).then((result) => live && setFound(result));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [host, id, query]);

  const find = async (direction: 1 | -1) => {
    if (query === "") return;
    setSearching(true);
    const next = await host.find(id, query, match, direction);
    setSearching(false);
    setMatch(next);
    if (next) jump(next.line);
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    void find(e.shiftKey ? -1 : 1);
  };

  const onRange = useCallback((first: number, end: number) => pages.want(first, end), [pages]);
  const digits = String(summary.lineCount).length;
  const lowerQuery = query.toLowerCase();
  const renderRow = useMemo(
    () => (n: number) => {
      const text = pages.get(n);
      const current = match?.line === n ? match : null;
      return (
        <div
          key={n}
          className={`wat-line${n === focusLine ? " wat-line--focus" : ""}`}
          data-line={n + 1}
        >
          <span className="wat-line__number" style={{ width: `${digits + 1}ch` }}>
            {n + 1}
          </span>
          <span className="wat-line__text">
            {text === undefined ? "" : highlight(text, lowerQuery, current?.column ?? -1)}
          </span>
        </div>
      );
    },
    // `version` re-renders the rows when fetched lines arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pages, match, focusLine, digits, lowerQuery, version],
  );

  return (
    <div className="disassembly" data-testid="disassembly" data-line-count={summary.lineCount}>
      <div className="disassembly__search" role="search">
        <input
          type="search"
          placeholder="Search the WAT (Enter: next, Shift+Enter: previous)"
          aria-label="Search the disassembly"
          data-testid="disassembly-search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setMatch(null);
            setFound(null);
          }}
          onKeyDown={onSearchKey}
        />
        <button
          type="button"
          className="button button--small"
          aria-label="Previous match"
          disabled={query === ""}
          onClick={() => void find(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button--small"
          aria-label="Next match"
          data-testid="disassembly-next"
          disabled={query === ""}
          onClick={() => void find(1)}
        >
          ↓
        </button>
        <span className="small muted" data-testid="disassembly-matches" aria-live="polite">
          {searching
            ? "searching…"
            : found === null
              ? `${groupDigits(summary.lineCount)} lines`
              : found.count === 0
                ? "no match"
                : `${found.capped ? "over " : ""}${groupDigits(found.count)} match${found.count === 1 ? "" : "es"}${match ? ` · line ${groupDigits(match.line + 1)}` : ""}`}
        </span>
      </div>
      <div className="disassembly__body">
        <FunctionList functions={summary.functions} onJump={(f) => jump(f.line)} />
        <VirtualRows
          className="disassembly__lines"
          label="WAT lines"
          testId="disassembly-lines"
          rowCount={summary.lineCount}
          rowHeight={LINE_HEIGHT}
          renderRow={renderRow}
          onRange={onRange}
          scrollTo={scrollTo}
        />
      </div>
    </div>
  );
}

/** The line with every occurrence of the query marked, the current match more strongly. */
function highlight(text: string, lowerQuery: string, currentColumn: number) {
  if (lowerQuery === "") return text;
  const lower = text.toLowerCase();
  const parts: (string | React.ReactElement)[] = [];
  let at = 0;
  for (let i = lower.indexOf(lowerQuery); i !== -1; i = lower.indexOf(lowerQuery, i + 1)) {
    if (i < at) continue;
    parts.push(text.slice(at, i));
    const current = i === currentColumn;
    parts.push(
      <mark key={i} className={current ? "wat-match wat-match--current" : "wat-match"}>
        {text.slice(i, i + lowerQuery.length)}
      </mark>,
    );
    at = i + lowerQuery.length;
  }
  parts.push(text.slice(at));
  return parts;
}
