// The Imports tab's actions: one binding per import. Deny and host are the allow-list's
// per-import decision, trap is a stub, the rest are page bindings (imports/bindings.ts).
import type { ImportInfo } from "../../sandbox/inspect/module-info";
import { importKey, makeBinding, sameImport, type BindingChoice } from "../imports/bindings";
import type { PageBinding, PlaygroundState } from "../state/types";
import type { PlaygroundStore } from "./context";

type BindingPatch = { value?: string; source?: string; export?: string };

function withBinding(s: PlaygroundState, i: ImportInfo, choice: BindingChoice) {
  const key = importKey(i);
  const previous = s.bindings.find((b) => sameImport(b, i));
  const others = s.bindings.filter((b) => !sameImport(b, i));
  const stubs = s.stubs.filter((k) => k !== key);
  switch (choice) {
    case "deny":
    case "host":
      return {
        importPolicy: { ...s.importPolicy, [key]: choice === "host" },
        stubs,
        bindings: others,
      };
    case "trap":
      return { stubs: [...stubs, key], bindings: others };
    default:
      return { stubs, bindings: [...others, makeBinding(choice, i, previous)] };
  }
}

export function setBinding(store: PlaygroundStore, i: ImportInfo, choice: BindingChoice): void {
  store.set((s) => withBinding(s, i, choice));
}

/** Binds every given import as a no-op in one state change (the refusal's offer). */
export function bindAsNoop(store: PlaygroundStore, imports: readonly ImportInfo[]): void {
  store.set((s) => {
    let next: PlaygroundState = s;
    for (const i of imports) next = { ...next, ...withBinding(next, i, "noop") };
    return { stubs: next.stubs, bindings: next.bindings, importPolicy: next.importPolicy };
  });
}

/** Edits a constant's text or a WAT binding's source or export. */
export function updateBinding(
  store: PlaygroundStore,
  i: Pick<ImportInfo, "module" | "name">,
  patch: BindingPatch,
): void {
  store.set((s) => ({
    bindings: s.bindings.map((b): PageBinding => {
      if (!sameImport(b, i)) return b;
      if (b.kind === "const" && patch.value !== undefined) return { ...b, value: patch.value };
      if (b.kind === "wat") {
        const next = { ...b, ...(patch.source === undefined ? {} : { source: patch.source }) };
        if (patch.export === undefined) return next;
        const { export: _old, ...rest } = next;
        return patch.export === "" ? rest : { ...rest, export: patch.export };
      }
      return b;
    }),
  }));
}
