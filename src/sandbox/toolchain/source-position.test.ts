import { describe, expect, it } from "vitest";
import { lineStarts, lineText, positionAt, utf8ColumnToUtf16 } from "./source-position";

describe("source positions", () => {
  const text = "ab\ncd\r\n\nxyz";
  const starts = lineStarts(text);

  it("finds line starts and 1-based positions", () => {
    expect(starts).toEqual([0, 3, 7, 8]);
    expect(positionAt(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(starts, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(starts, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(starts, 7)).toEqual({ line: 3, column: 1 });
    expect(positionAt(starts, 10)).toEqual({ line: 4, column: 3 });
  });

  it("returns line text without the line break", () => {
    expect(lineText(text, starts, 2)).toBe("cd");
    expect(lineText(text, starts, 3)).toBe("");
    expect(lineText(text, starts, 4)).toBe("xyz");
    expect(lineText(text, starts, 9)).toBe("");
  });

  it("maps UTF-8 byte columns to UTF-16 columns", () => {
    expect(utf8ColumnToUtf16("abc", 3)).toBe(3);
    // é: 2 bytes, 1 unit. 👋: 4 bytes, 2 units.
    expect(utf8ColumnToUtf16("é x", 4)).toBe(3);
    expect(utf8ColumnToUtf16("👋x", 5)).toBe(3);
    // Past the end of the line (e.g. an error at end of line) keeps counting columns.
    expect(utf8ColumnToUtf16("é", 5)).toBe(4);
  });
});
