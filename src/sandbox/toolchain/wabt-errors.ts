// Turns wabt's error text into editor diagnostics. wabt reports each error as
//   <file>:<line>:<column>: error: <message>
//   <the source line>
//   <spaces>^^^^
// with 1-based lines and 1-based columns counted in UTF-8 bytes.
import type { CompileDiagnostic } from "./api";
import { lineStarts, lineText, utf8ColumnToUtf16 } from "./source-position";

const HEADER = /^(.*?):(\d+):(\d+): (error|warning): (.*)$/;
const CARETS = /^\s*(\^+)\s*$/;

export function parseWabtErrors(
  text: string,
  fileName: string,
  source: string,
): CompileDiagnostic[] {
  const starts = lineStarts(source);
  const lines = text.split("\n");
  const diagnostics: CompileDiagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = HEADER.exec(lines[i]);
    if (!match || match[1] !== fileName) continue;
    const line = Number(match[2]);
    const byteColumn = Number(match[3]);
    const sourceLine = lineText(source, starts, line);
    const column = utf8ColumnToUtf16(sourceLine, byteColumn);
    const carets = CARETS.exec(lines[i + 2] ?? "");
    const diagnostic: CompileDiagnostic = {
      message: match[5],
      line,
      column,
      severity: match[4] === "warning" ? "warning" : "error",
    };
    if (carets) {
      diagnostic.endLine = line;
      diagnostic.endColumn = utf8ColumnToUtf16(sourceLine, byteColumn + carets[1].length);
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
