// Which functions a "go to function" text picks: by index ("42", "#42", "(;42;)") or by a part
// of the name ("$main", "main"); an exact name or index comes first.
import type { FunctionEntry } from "../../sandbox/disassembly/api";

export function functionLabel(f: FunctionEntry): string {
  return f.name === null ? `(;${f.index};)` : `$${f.name}`;
}

export function filterFunctions(
  functions: readonly FunctionEntry[],
  text: string,
): FunctionEntry[] {
  const wanted = text.trim().toLowerCase();
  if (wanted === "") return functions as FunctionEntry[];
  const index = /^(?:#|\(;)?(\d+)(?:;\))?$/.exec(wanted);
  const name = wanted.startsWith("$") ? wanted.slice(1) : wanted;
  const exact: FunctionEntry[] = [];
  const partial: FunctionEntry[] = [];
  for (const f of functions) {
    const lower = f.name?.toLowerCase();
    if ((index && f.index === Number(index[1])) || lower === name) exact.push(f);
    else if (lower?.includes(name)) partial.push(f);
  }
  return [...exact, ...partial];
}
