import type { FuncSignature } from "../../sandbox/inspect/module-info";

export function formatSignature(sig: FuncSignature): string {
  const results = sig.results.length === 0 ? "" : ` → ${sig.results.join(", ")}`;
  return `(${sig.params.join(", ")})${results}`;
}
