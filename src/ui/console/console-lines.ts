// The console's text as lines, with a bounded tail: the page shows the last lines only (the full
// output of a run is its result, downloadable), so a 64 MiB flood costs the page no more than a
// few thousand short rows. Framework-free; the view renders only the rows in sight.
import type { ConsoleStream } from "../state/types";

export interface ConsoleLine {
  id: number;
  stream: ConsoleStream;
  text: string;
  /** Characters of this line past MAX_LINE_CHARS, not kept. */
  cut: number;
}

export interface ConsoleLog {
  lines: readonly ConsoleLine[];
  /** Lines dropped from the front to keep the tail bounded. */
  hidden: number;
  /** The last line has no newline yet: the next output of its stream continues it. */
  open: boolean;
}

export const MAX_LINES = 5_000;
export const MAX_CHARS = 1_000_000;
export const MAX_LINE_CHARS = 2_000;

export const EMPTY_CONSOLE: ConsoleLog = { lines: [], hidden: 0, open: false };

let nextId = 1;

/** Newlines in text[0, end). */
function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < end; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/**
 * Where the kept tail of `text` starts: at most `keep` lines and `maxChars` characters (the last
 * line always). Reads back from the end, so a huge chunk costs a scan, not millions of strings.
 */
function tailStart(text: string, keep: number, maxChars: number): number {
  let start = text.lastIndexOf("\n") + 1;
  for (let lines = 1; start > 0 && lines < keep; lines++) {
    // text[start - 1] is the newline that ends the line before.
    const before = start >= 2 ? text.lastIndexOf("\n", start - 2) + 1 : 0;
    if (text.length - before > maxChars) break;
    start = before;
  }
  return start;
}

function withText(line: ConsoleLine, more: string): ConsoleLine {
  const room = Math.max(0, MAX_LINE_CHARS - line.text.length);
  if (room >= more.length) return { ...line, text: line.text + more };
  return { ...line, text: line.text + more.slice(0, room), cut: line.cut + more.length - room };
}

/**
 * Appends text of one stream. Guest output (stdout, stderr) continues its open line; the page's
 * own messages (info, error) are lines of their own.
 */
export function appendToConsole(log: ConsoleLog, stream: ConsoleStream, text: string): ConsoleLog {
  if (text === "") return log;
  const streamed = stream === "stdout" || stream === "stderr";
  let lines = [...log.lines];
  let hidden = log.hidden;
  let body = text;
  const last = lines[lines.length - 1];
  if (last && log.open && streamed && last.stream === stream) {
    const nl = body.indexOf("\n");
    lines[lines.length - 1] = withText(last, nl === -1 ? body : body.slice(0, nl));
    if (nl === -1) return { lines, hidden, open: true };
    body = body.slice(nl + 1);
    if (body === "") return { lines, hidden, open: false };
  }
  const open = streamed && !body.endsWith("\n");
  if (streamed && !open) body = body.slice(0, -1);
  const start = tailStart(body, MAX_LINES, MAX_CHARS);
  hidden += countNewlines(body, start);
  for (const piece of body.slice(start).split("\n")) {
    lines.push(withText({ id: nextId++, stream, text: "", cut: 0 }, piece));
  }
  // The tail of the whole log, by lines and by characters (the last line always stays).
  let drop = Math.max(0, lines.length - MAX_LINES);
  let chars = 0;
  for (let i = drop; i < lines.length; i++) chars += lines[i]!.text.length;
  while (chars > MAX_CHARS && drop < lines.length - 1) chars -= lines[drop++]!.text.length;
  if (drop > 0) {
    hidden += drop;
    lines = lines.slice(drop);
  }
  return { lines, hidden, open };
}
