// Shown under an import_denied outcome: the refused imports the page can bind right here (as
// no-ops), and the way to the Imports tab for any other binding.
import { useMemo } from "react";
import { hostImportFor } from "../engine/host-imports";
import { usePlayground, usePlaygroundState } from "../state/context";
import { importKey, refusedImports } from "./bindings";

export function RefusalOffer() {
  const playground = usePlayground();
  const kind = usePlaygroundState((s) => s.result?.result.errorKind);
  const imports = usePlaygroundState((s) => s.compiled?.info?.imports);
  const bindings = usePlaygroundState((s) => s.bindings);
  const stubs = usePlaygroundState((s) => s.stubs);
  const importPolicy = usePlaygroundState((s) => s.importPolicy);
  const allowList = usePlaygroundState((s) => s.allowList);
  const refused = useMemo(
    () =>
      refusedImports({ bindings, stubs, importPolicy, allowList }, imports ?? [], (i) =>
        Boolean(hostImportFor(i.module, i.name)),
      ),
    [bindings, stubs, importPolicy, allowList, imports],
  );
  if (kind !== "import_denied") return null;
  return (
    <div className="refusal-offer small" data-testid="refusal-offer">
      {refused.length > 0 ? (
        <>
          <span>
            No host provides {refused.length === 1 ? "this import" : "these imports"}; bind{" "}
            {refused.length === 1 ? "it" : "them"} to run:
          </span>
          <ul className="refusal-offer__list">
            {refused.map((i) => (
              <li key={`${i.module}\u0000${i.name}`}>
                <code>{importKey(i)}</code>{" "}
                <button
                  type="button"
                  className="link-button"
                  data-testid={`bind-noop-${importKey(i)}`}
                  onClick={() => playground.bindAsNoop([i])}
                >
                  bind as no-op
                </button>
              </li>
            ))}
          </ul>
          {refused.length > 1 && (
            <button
              type="button"
              className="button"
              data-testid="bind-all-noop"
              onClick={() => playground.bindAsNoop(refused)}
            >
              Bind all {refused.length} as no-ops
            </button>
          )}{" "}
        </>
      ) : (
        <span>Every import now has a binding: run again. </span>
      )}
      <button
        type="button"
        className="link-button"
        data-testid="open-imports-tab"
        onClick={() => playground.setTab("imports")}
      >
        Other bindings (trap, constant, WAT) in the Imports tab
      </button>
    </div>
  );
}
