// The binding of each import, as the page keeps it and as the engine gets it. One place decides
// what an import is bound to: an entry of `bindings` (no-op, constant, WAT function), else a
// stub (trap), else the allow-list (host) or not (deny).
import type { ImportBinding } from "../../sandbox/bindings";
import type { FuncSignature, ImportInfo } from "../../sandbox/inspect/module-info";
import type { WasmValue } from "../../sandbox/types";
import { isImportAllowed } from "../engine/contracts";
import type { PageBinding, PlaygroundState } from "../state/types";

export function importKey(i: Pick<ImportInfo, "module" | "name">): string {
  return `${i.module}.${i.name}`;
}

export function isAllowed(
  s: Pick<PlaygroundState, "importPolicy" | "allowList">,
  i: Pick<ImportInfo, "module" | "name">,
): boolean {
  const key = importKey(i);
  // hasOwn: the key holds the guest's import names; a plain lookup could find Object.prototype's.
  if (Object.hasOwn(s.importPolicy, key)) return s.importPolicy[key]!;
  return isImportAllowed(s.allowList, i.module, i.name);
}

export type BindingChoice = "deny" | "host" | "trap" | "noop" | "const" | "wat";

export const CHOICE_LABELS: Record<BindingChoice, string> = {
  deny: "deny",
  host: "host function",
  trap: "trap (stub)",
  noop: "no-op (returns zeros)",
  const: "constant",
  wat: "WAT function",
};

type Import = Pick<ImportInfo, "module" | "name">;
type State = Pick<PlaygroundState, "bindings" | "stubs" | "importPolicy" | "allowList">;

export const sameImport = (a: Import, b: Import) => a.module === b.module && a.name === b.name;

export function bindingChoice(s: State, i: Import): BindingChoice {
  const bound = s.bindings.find((b) => sameImport(b, i));
  if (bound) return bound.kind;
  if (s.stubs.includes(importKey(i))) return "trap";
  return isAllowed(s, i) ? "host" : "deny";
}

/** The choices an import can take: only functions can be stubbed or given a function. */
export function choicesFor(i: ImportInfo): BindingChoice[] {
  return i.kind === "function"
    ? ["deny", "host", "trap", "noop", "const", "wat"]
    : ["deny", "host"];
}

/** A starting WAT host module for an import: its signature, returning zeros. */
export function watTemplate(i: ImportInfo): string {
  const signature = i.kind === "function" ? i.signature : { params: [], results: [] };
  const params = signature.params.length ? ` (param ${signature.params.join(" ")})` : "";
  const results = signature.results.length ? ` (result ${signature.results.join(" ")})` : "";
  const zeros = signature.results.map((t) => `(${t}.const 0)`).join(" ");
  return `(module\n  (func (export ${JSON.stringify(i.name)})${params}${results}\n    ${zeros}))\n`;
}

/** A new page binding of `kind` for `i`, keeping details already typed for that kind. */
export function makeBinding(
  kind: PageBinding["kind"],
  i: ImportInfo,
  previous: PageBinding | undefined,
): PageBinding {
  const { module, name } = i;
  if (previous?.kind === kind) return previous;
  if (kind === "const") {
    const zeros = i.kind === "function" ? i.signature.results.map(() => "0").join(", ") : "0";
    return { module, name, kind, value: zeros };
  }
  if (kind === "wat") return { module, name, kind, source: watTemplate(i) };
  return { module, name, kind };
}

/**
 * The constant as typed ("7", "-1, 2.5", "1n") as values for the result types. Text that does
 * not read as a number gives NaN, which the engine refuses by name (import_denied).
 */
export function parseConstant(text: string, signature: FuncSignature): WasmValue | WasmValue[] {
  const parts = text.trim() === "" ? [] : text.split(",").map((p) => p.trim());
  const values = parts.map((part, index): WasmValue => {
    const type = signature.results[index];
    if (type === "i64") {
      try {
        return BigInt(part.replace(/n$/, ""));
      } catch {
        return NaN;
      }
    }
    return part === "" ? NaN : Number(part.replace(/n$/, ""));
  });
  return values.length === 1 ? values[0]! : values;
}

/**
 * The engine's bindings for a run: stubs as "trap", the page's no-op/constant/WAT bindings,
 * and "host" where the allow-list cannot name the import (names with spaces); the rest is
 * left to allowedImports, which the engine applies as before.
 */
export function engineBindings(
  s: State,
  imports: readonly ImportInfo[],
  allowListNames: (key: string) => boolean,
): ImportBinding[] {
  const out: ImportBinding[] = [];
  for (const i of imports) {
    const { module, name } = i;
    const choice = bindingChoice(s, i);
    if (choice === "host" && !allowListNames(importKey(i)))
      out.push({ module, name, kind: "host" });
    if (choice === "trap") out.push({ module, name, kind: "trap" });
    const bound = s.bindings.find((b) => sameImport(b, i));
    if (!bound || i.kind !== "function") continue;
    if (bound.kind === "noop") out.push({ module, name, kind: "noop" });
    if (bound.kind === "const") {
      out.push({ module, name, kind: "const", value: parseConstant(bound.value, i.signature) });
    }
    if (bound.kind === "wat") {
      const exported = bound.export === undefined ? {} : { export: bound.export };
      out.push({ module, name, kind: "wat", source: bound.source, ...exported });
    }
  }
  return out;
}

/** The imports a refused run could bind right away: denied (or allowed but unprovided) functions. */
export function refusedImports(
  s: State,
  imports: readonly ImportInfo[],
  hostProvides: (i: ImportInfo) => boolean,
): ImportInfo[] {
  return imports.filter((i) => {
    const choice = bindingChoice(s, i);
    return i.kind === "function" && (choice === "deny" || (choice === "host" && !hostProvides(i)));
  });
}
