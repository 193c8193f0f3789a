// Every import of the module, each allowed or denied in one click. An import the host does not
// provide can get a stub that traps with a named error, so the module runs up to that call.
import type { ImportInfo } from "../../sandbox/inspect/module-info";
import { hostImportFor, HOST_IMPORTS } from "../engine/host-imports";
import { ENGINE_FEATURES } from "../engine/engine";

const STUB_UNAVAILABLE =
  "The sandbox engine cannot link stubs yet; until it can, allow the import only if the host provides it.";
import { importKey, isAllowed } from "../controller/settings";
import { usePlayground, usePlaygroundState } from "../state/context";
import { formatSignature } from "../run/signature";
import { firstRows, MoreRows } from "../common/bounded";

function describeImport(i: ImportInfo): string {
  switch (i.kind) {
    case "function":
    case "tag":
      return `${i.kind} ${formatSignature(i.signature)}`;
    case "memory":
    case "table":
      return `${i.kind} ${i.limits.initial}${i.limits.maximum !== undefined ? `..${i.limits.maximum}` : ".."}`;
    case "global":
      return `global ${i.mutable ? "mut " : ""}${i.type}`;
  }
}

export function ImportsPanel() {
  const playground = usePlayground();
  const info = usePlaygroundState((s) => s.compiled?.info);
  const importPolicy = usePlaygroundState((s) => s.importPolicy);
  const allowList = usePlaygroundState((s) => s.allowList);
  const stubs = usePlaygroundState((s) => s.stubs);
  const imports = info?.imports ?? [];
  const shown = firstRows(imports);
  return (
    <div className="imports" data-testid="imports-panel">
      {imports.length === 0 ? (
        <p className="muted">This module imports nothing: it can only compute.</p>
      ) : (
        <ul className="import-list">
          {shown.rows.map((i) => {
            const key = importKey(i);
            const host = hostImportFor(i.module, i.name);
            const allowed = isAllowed({ importPolicy, allowList }, i);
            const stubbed = stubs.includes(key);
            return (
              <li key={key} className="import" data-testid={`import-${key}`}>
                <div className="import__head">
                  <code className="import__name">{key}</code>
                  <label className="switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={allowed}
                      aria-label={`Allow ${key}`}
                      onChange={(e) =>
                        playground.setImportAllowed(i.module, i.name, e.target.checked)
                      }
                    />
                    <span>{allowed ? "allowed" : "denied"}</span>
                  </label>
                </div>
                <div className="import__detail small">
                  <span className="mono">{describeImport(i)}</span>
                  {" · "}
                  {host ? (
                    <span className="ok-text">host provides it: {host.description}</span>
                  ) : (
                    <span className="warn-text">nobody provides it</span>
                  )}
                </div>
                {!host && i.kind === "function" && (
                  <label
                    className="checkbox small"
                    title={ENGINE_FEATURES.stubImports ? undefined : STUB_UNAVAILABLE}
                  >
                    <input
                      type="checkbox"
                      checked={stubbed}
                      data-testid={`stub-${key}`}
                      disabled={!ENGINE_FEATURES.stubImports}
                      onChange={(e) => playground.setStub(i.module, i.name, e.target.checked)}
                    />
                    <span>
                      Link a stub: the run traps, naming {key}, if it is called
                      {!ENGINE_FEATURES.stubImports && (
                        <span className="muted"> (not in this engine yet)</span>
                      )}
                    </span>
                  </label>
                )}
              </li>
            );
          })}
          <MoreRows hidden={shown.hidden} what="imports" />
        </ul>
      )}
      <h3 className="subhead">Host functions offered</h3>
      <ul className="host-list small">
        {HOST_IMPORTS.map((h) => (
          <li key={`${h.module}.${h.name}`}>
            <code>
              {h.module}.{h.name}
            </code>{" "}
            {h.signature && <span className="mono muted">{formatSignature(h.signature)}</span>} —{" "}
            {h.description}
          </li>
        ))}
      </ul>
    </div>
  );
}
