// Converting compiler positions into the editor's: 1-based lines and 1-based columns counted in
// UTF-16 code units (what Monaco and JS strings use).

export interface SourcePosition {
  line: number;
  column: number;
}

/** Offsets at which each line of `text` starts; line n (1-based) starts at result[n - 1]. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return starts;
}

/** The 1-based position of a UTF-16 offset, clamped to the text. */
export function positionAt(starts: readonly number[], offset: number): SourcePosition {
  // Binary search for the last line starting at or before the offset.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: Math.max(0, offset - starts[lo]) + 1 };
}

/** The text of a 1-based line, without its line break; "" past the end. */
export function lineText(text: string, starts: readonly number[], line: number): string {
  if (line < 1 || line > starts.length) return "";
  const end = line < starts.length ? starts[line] - 1 : text.length;
  return text.slice(starts[line - 1], end).replace(/\r$/, "");
}

/**
 * Tools that read UTF-8 bytes (wabt) count columns in bytes. Maps a 1-based byte column of `line`
 * to a 1-based UTF-16 column, so a marker lands under the right character after any non-ASCII text.
 */
export function utf8ColumnToUtf16(line: string, byteColumn: number): number {
  let bytes = 0;
  let units = 0;
  while (units < line.length && bytes < byteColumn - 1) {
    const code = line.codePointAt(units) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    units += code >= 0x10000 ? 2 : 1;
  }
  return units + 1 + Math.max(0, byteColumn - 1 - bytes);
}
