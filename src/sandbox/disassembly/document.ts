// A disassembly held where it was made (the disassembly worker): the whole text, an index of its
// line starts, and its function list. The page asks for pages of lines and for matches, never
// for the text itself: CRuby's 30 MB module is 320 million characters in 6 million lines.
import { groupDigits } from "../digits";

export interface FunctionEntry {
  /** The function's index in the module's function index space (imports first). */
  index: number;
  /** Its name from the name section, without the `$`; null where the module has none. */
  name: string | null;
  /** 0-based line of its `(func` in the text. */
  line: number;
}

export interface DocumentSummary {
  lineCount: number;
  /** Characters in the text (what "Open as WAT" would put in the editor). */
  length: number;
  functions: FunctionEntry[];
}

export interface Match {
  line: number;
  /** 0-based column of the match in its line. */
  column: number;
}

/** Lines longer than this come back cut (a data segment can be megabytes on one line). */
export const MAX_LINE_CHARS = 2_000;

/** Backward search reads the text in windows of this many characters. */
const BACKWARD_WINDOW = 1 << 20;

export class DisassemblyDocument {
  private readonly lineStarts: Uint32Array;
  readonly functions: FunctionEntry[];

  constructor(readonly text: string) {
    this.lineStarts = indexLines(text);
    this.functions = listFunctions(text, this.lineStarts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  summary(): DocumentSummary {
    return { lineCount: this.lineCount, length: this.text.length, functions: this.functions };
  }

  /** The text of one line, without its newline. */
  line(n: number): string {
    const start = this.lineStarts[n]!;
    const next = n + 1 < this.lineStarts.length ? this.lineStarts[n + 1]! - 1 : this.text.length;
    return this.text.slice(start, next);
  }

  /** Lines [from, from + count), each cut at MAX_LINE_CHARS with a note of what was left out. */
  lines(from: number, count: number): string[] {
    const first = Math.max(0, Math.floor(from));
    const end = Math.min(this.lineCount, first + Math.max(0, Math.floor(count)));
    const out: string[] = [];
    for (let n = first; n < end; n++) out.push(cut(this.line(n)));
    return out;
  }

  /**
   * The first match of `query` (case-insensitive) after the given one (from the top when null),
   * or before it (from the bottom) when `direction` is -1, wrapping around; null when none.
   */
  find(query: string, from: Match | null, direction: 1 | -1): Match | null {
    if (query === "") return null;
    const end = this.text.length;
    const hit =
      direction === 1
        ? (this.indexForward(query, from ? this.offsetOf(from) + 1 : 0) ??
          this.indexForward(query, 0))
        : (this.indexBackward(query, from ? this.offsetOf(from) : end) ??
          this.indexBackward(query, end));
    return hit === null ? null : this.positionOf(hit);
  }

  /** How many matches there are, counting up to `cap`. */
  count(query: string, cap: number): { count: number; capped: boolean } {
    if (query === "") return { count: 0, capped: false };
    const pattern = new RegExp(escapeRegExp(query), "gi");
    let count = 0;
    while (pattern.exec(this.text) !== null) {
      if (++count >= cap) return { count, capped: true };
    }
    return { count, capped: false };
  }

  private offsetOf(position: Match): number {
    const line = Math.min(Math.max(0, position.line), this.lineCount - 1);
    return this.lineStarts[line]! + Math.max(0, position.column);
  }

  private positionOf(offset: number): Match {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: offset - this.lineStarts[low]! };
  }

  private indexForward(query: string, from: number): number | null {
    const pattern = new RegExp(escapeRegExp(query), "gi");
    pattern.lastIndex = from;
    const match = pattern.exec(this.text);
    return match ? match.index : null;
  }

  /** The last match that starts before `before`. */
  private indexBackward(query: string, before: number): number | null {
    const pattern = new RegExp(escapeRegExp(query), "gi");
    let end = before;
    while (end > 0) {
      // The window reaches a query's length past `end` so a match across its edge is seen.
      const start = Math.max(0, end - BACKWARD_WINDOW);
      const window = this.text.slice(start, Math.min(this.text.length, end + query.length - 1));
      let last: number | null = null;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(window); m !== null; m = pattern.exec(window)) {
        if (start + m.index >= end) break;
        last = start + m.index;
        pattern.lastIndex = m.index + 1;
      }
      if (last !== null) return last;
      end = start;
    }
    return null;
  }
}

function cut(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  const more = groupDigits(line.length - MAX_LINE_CHARS);
  return `${line.slice(0, MAX_LINE_CHARS)} … (${more} more characters on this line)`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function indexLines(text: string): Uint32Array {
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < text.length - 1; i = text.indexOf("\n", i + 1)) {
    count++;
  }
  const starts = new Uint32Array(count);
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1 && n < count; i = text.indexOf("\n", i + 1)) {
    starts[n++] = i + 1;
  }
  return starts;
}

const FUNC = "  (func ";
const IMPORT = "  (import ";

/**
 * Functions as wasm2wat prints them: imported ones inside `  (import "m" "n" (func …))`, then
 * one `  (func $name …` or `  (func (;N;) …` per defined function, in index order.
 */
function listFunctions(text: string, lineStarts: Uint32Array): FunctionEntry[] {
  const functions: FunctionEntry[] = [];
  let index = 0;
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line]!;
    if (text.startsWith(IMPORT, start)) {
      const afterNames = skipQuoted(text, skipQuoted(text, start + IMPORT.length) + 1);
      if (text.startsWith(" (func", afterNames)) {
        functions.push({ index, name: nameAt(text, afterNames + " (func ".length), line });
        index++;
      }
    } else if (text.startsWith(FUNC, start)) {
      functions.push({ index, name: nameAt(text, start + FUNC.length), line });
      index++;
    }
  }
  return functions;
}

/** The position just past a quoted string that starts at `at` (wasm2wat escapes `"` as `\"`). */
function skipQuoted(text: string, at: number): number {
  if (text[at] !== '"') return at;
  let i = at + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

function nameAt(text: string, at: number): string | null {
  if (text[at] !== "$") return null;
  let end = at + 1;
  while (end < text.length && !" \n)".includes(text[end]!)) end++;
  return text.slice(at + 1, end);
}
