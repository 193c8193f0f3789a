// Console: compile messages, run lines, and the guest's stdout/stderr as they stream in. Only the
// rows in sight are rendered, of a bounded tail (console-lines.ts); the whole output of the last
// run is a download, made from its result when asked for.
import { useCallback, useEffect, useRef, useState } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import { VirtualRows, type ScrollRequest } from "../module/VirtualRows";
import { downloadBlob } from "../drafts/download";
import type { ConsoleLine } from "./console-lines";
import { groupDigits } from "../../sandbox/digits";

const ROW_HEIGHT = 18;

function Row({ line }: { line: ConsoleLine }) {
  return (
    <pre className={`console__entry console__entry--${line.stream}`} data-stream={line.stream}>
      {line.text}
      {line.cut > 0 && (
        <span className="console__cut">
          {" "}
          … {groupDigits(line.cut)} more characters (in the download)
        </span>
      )}
    </pre>
  );
}

/**
 * The whole text of a stream, to download: the runner's Blob (runs from this page; the text
 * field holds only a head then), else the result's text (a run ended before the runner began).
 */
function wholeText(blob: Blob | undefined, text: string): (() => Blob) | null {
  if (blob) return blob.size > 0 ? () => blob : null;
  return text === "" ? null : () => new Blob([text], { type: "text/plain;charset=utf-8" });
}

export function ConsolePanel() {
  const playground = usePlayground();
  const log = usePlaygroundState((s) => s.console);
  const last = usePlaygroundState((s) => s.result);
  const extra = log.hidden > 0 ? 1 : 0;
  const rowCount = log.lines.length + extra;
  const atBottom = useRef(true);
  const [scrollTo, setScrollTo] = useState<ScrollRequest | null>(null);
  const onRange = useCallback(
    (_first: number, end: number) => {
      atBottom.current = end >= rowCount;
    },
    [rowCount],
  );
  useEffect(() => {
    // New output follows the end unless the person scrolled up to read.
    if (atBottom.current && rowCount > 0) setScrollTo({ row: rowCount - 1, nonce: Date.now() });
  }, [log, rowCount]);

  const output = last ? wholeText(last.result.outputBlob, last.result.output) : null;
  const stderr = last ? wholeText(last.result.stderrBlob, last.result.stderr) : null;
  const base = `run-${last?.id ?? 0}`;
  return (
    <section className="console" aria-label="Console">
      <div className="panel-bar">
        <h2 className="panel-title">Console</h2>
        <span className="console__actions">
          {output && (
            <button
              type="button"
              className="link-button"
              data-testid="console-download"
              title="The whole stdout of the last run, as a text file"
              onClick={() => downloadBlob(`${base}-stdout.txt`, output())}
            >
              Download output
            </button>
          )}
          {stderr && (
            <button
              type="button"
              className="link-button"
              data-testid="console-download-stderr"
              onClick={() => downloadBlob(`${base}-stderr.txt`, stderr())}
            >
              Download stderr
            </button>
          )}
          <button type="button" className="link-button" onClick={() => playground.clearConsole()}>
            Clear
          </button>
        </span>
      </div>
      {rowCount === 0 ? (
        <div className="console__body" data-testid="console" role="log" tabIndex={0}>
          <p className="muted">Output of your program appears here.</p>
        </div>
      ) : (
        <VirtualRows
          className="console__body console__rows"
          testId="console"
          label="Console output"
          rowCount={rowCount}
          rowHeight={ROW_HEIGHT}
          onRange={onRange}
          scrollTo={scrollTo}
          renderRow={(i) =>
            i < extra ? (
              <p key="hidden" className="console__hidden muted" data-testid="console-hidden">
                … {groupDigits(log.hidden)} earlier lines not shown (Download output has them all)
              </p>
            ) : (
              <Row key={log.lines[i - extra]!.id} line={log.lines[i - extra]!} />
            )
          }
        />
      )}
    </section>
  );
}
