// clang's and wasm-ld's messages → CompileDiagnostic. clang writes "main.c:3:9: error: text",
// then the source line and a caret; the source line and caret are left out (the editor shows
// the marker), notes are folded into the message before them.
import type { CompileDiagnostic } from "../api";

const LOCATED = /^([^:\n]+):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
const UNLOCATED = /^(?:clang(?:\+\+)?|wasm-ld|[^:\s]*ld): (error|warning): (.*)$/;

export function parseClangDiagnostics(stderr: string, sourceFile: string): CompileDiagnostic[] {
  const diagnostics: CompileDiagnostic[] = [];
  for (const line of stderr.split("\n")) {
    const located = LOCATED.exec(line);
    if (located) {
      const [, file, lineText, columnText, kind, message] = located as unknown as string[];
      if (kind === "note") {
        const last = diagnostics.at(-1);
        if (last) last.message += `\n  note: ${message}`;
        continue;
      }
      const severity = kind === "warning" ? "warning" : "error";
      if (file === sourceFile) {
        diagnostics.push({
          message: message!,
          line: Number(lineText),
          column: Number(columnText),
          severity,
        });
      } else {
        diagnostics.push({ message: `${message} (in ${file}:${lineText})`, severity });
      }
      continue;
    }
    const unlocated = UNLOCATED.exec(line);
    if (unlocated) {
      const [, kind, message] = unlocated as unknown as string[];
      diagnostics.push({
        message: message!.replace(/^\/tmp\/[\w.-]+\.o: /, ""),
        severity: kind === "warning" ? "warning" : "error",
      });
    }
  }
  return diagnostics;
}

/** "Line 3, column 9: use of undeclared identifier 'x' (and 2 more)". */
export function summariseClang(diagnostics: CompileDiagnostic[], fallback: string): string {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const first = errors[0];
  if (!first) return fallback;
  const where = first.line !== undefined ? `Line ${first.line}, column ${first.column}: ` : "";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return `${where}${first.message.split("\n")[0]}${more}`;
}
