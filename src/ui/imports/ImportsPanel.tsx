// Every import of the module with its binding, chosen in one select: deny, the host function,
// a stub that traps, a no-op, a constant or a function of a small host module in WAT.
import type { ImportInfo } from "../../sandbox/inspect/module-info";
import { hostImportFor, HOST_IMPORTS } from "../engine/host-imports";
import { usePlayground, usePlaygroundState } from "../state/context";
import type { PageBinding } from "../state/types";
import { formatSignature } from "../run/signature";
import { firstRows, MoreRows } from "../common/bounded";
import {
  bindingChoice,
  CHOICE_LABELS,
  choicesFor,
  importKey,
  sameImport,
  type BindingChoice,
} from "./bindings";

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
  const info = usePlaygroundState((s) => s.compiled?.info);
  const imports = info?.imports ?? [];
  const shown = firstRows(imports);
  return (
    <div className="imports" data-testid="imports-panel">
      {imports.length === 0 ? (
        <p className="muted">This module imports nothing: it can only compute.</p>
      ) : (
        <ul className="import-list">
          {shown.rows.map((i) => (
            <ImportRow key={`${i.module}\u0000${i.name}`} i={i} />
          ))}
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

function ImportRow({ i }: { i: ImportInfo }) {
  const playground = usePlayground();
  const choice = usePlaygroundState((s) => bindingChoice(s, i));
  const bound = usePlaygroundState((s) => s.bindings.find((b) => sameImport(b, i)));
  const key = importKey(i);
  const host = hostImportFor(i.module, i.name);
  return (
    <li className="import" data-testid={`import-${key}`} data-binding={choice}>
      <div className="import__head">
        <code className="import__name">{key}</code>
        <select
          className="import__binding"
          value={choice}
          aria-label={`Binding of ${key}`}
          data-testid={`binding-${key}`}
          onChange={(e) => playground.setBinding(i, e.target.value as BindingChoice)}
        >
          {choicesFor(i).map((c) => (
            <option key={c} value={c}>
              {CHOICE_LABELS[c]}
            </option>
          ))}
        </select>
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
      <p className="import__explain small muted">{explain(choice, key, !!host)}</p>
      {bound && bound.kind !== "noop" && <BindingDetail i={i} bound={bound} />}
    </li>
  );
}

function explain(choice: BindingChoice, key: string, hostProvides: boolean): string {
  switch (choice) {
    case "deny":
      return "Refused: a run of this module stops before it starts (import_denied).";
    case "host":
      return hostProvides
        ? "Linked to the host's function."
        : "Allowed, but the host has no such function: the run is refused. Choose another binding.";
    case "trap":
      return `A stub: the run traps, naming ${key}, if it is called.`;
    case "noop":
      return "Does nothing and returns zeros of its result types.";
    case "const":
      return "Returns the constant(s) below, one per result, separated by commas (i64 like 5n).";
    case "wat":
      return "Calls an export of the host module below, metered on the run's fuel and capped like the module.";
  }
}

function BindingDetail({ i, bound }: { i: ImportInfo; bound: PageBinding }) {
  const playground = usePlayground();
  const key = importKey(i);
  if (bound.kind === "const") {
    return (
      <label className="import__const small">
        <span>Constant</span>
        <input
          className="mono"
          value={bound.value}
          spellCheck={false}
          aria-label={`Constant returned by ${key}`}
          data-testid={`const-${key}`}
          onChange={(e) => playground.updateBinding(i, { value: e.target.value })}
        />
      </label>
    );
  }
  if (bound.kind !== "wat") return null;
  return (
    <div className="import__wat small">
      <label>
        <span>Export</span>
        <input
          className="mono"
          value={bound.export ?? ""}
          placeholder={i.name}
          spellCheck={false}
          aria-label={`Export of the host module called for ${key}`}
          onChange={(e) => playground.updateBinding(i, { export: e.target.value })}
        />
      </label>
      <textarea
        className="mono"
        rows={Math.min(12, bound.source.split("\n").length + 1)}
        value={bound.source}
        spellCheck={false}
        aria-label={`WAT host module for ${key}`}
        data-testid={`wat-${key}`}
        onChange={(e) => playground.updateBinding(i, { source: e.target.value })}
      />
    </div>
  );
}
