// Inspection of the current module: exports with signatures, imports, memories, tables, types
// (3.0: rec groups, subtyping, structs and arrays), tags, sections.
import { usePlaygroundState } from "../state/context";
import { formatBytes } from "../dashboard/format";
import { formatSignature } from "../run/signature";
import type { Limits, TypeInfo } from "../../sandbox/inspect/module-info";
import { formatType } from "../../sandbox/inspect/format-type";
import { firstRows, largest, MoreRows } from "../common/bounded";

function pages(l: Limits): string {
  const max = l.maximum === undefined ? "no max" : `max ${l.maximum}`;
  return `${l.initial} page${l.initial === 1 ? "" : "s"} (${formatBytes(l.initial * 65536)}), ${max}${l.shared ? ", shared" : ""}${l.memory64 ? ", 64-bit" : ""}`;
}

/** "rec 2 · " for a member of a rec group of several types, else nothing. */
function recLabel(types: readonly TypeInfo[], index: number): string {
  const group = types[index]!.recGroup;
  const shared = types[index - 1]?.recGroup === group || types[index + 1]?.recGroup === group;
  return shared ? `rec ${group} · ` : "";
}

export function ModulePanel() {
  const compiled = usePlaygroundState((s) => s.compiled);
  const compileError = usePlaygroundState((s) => s.compileError);
  const info = compiled?.info;
  if (!info) {
    return (
      <p className="muted" data-testid="module-panel">
        {compileError
          ? `Not compiled: ${compileError}`
          : "Compile the source or open a .wasm file to inspect it."}
      </p>
    );
  }
  const maxSection = largest(info.sections, (s) => s.size, 1);
  const exports = firstRows(info.exports);
  const imports = firstRows(info.imports);
  const memories = firstRows(info.memories);
  const tables = firstRows(info.tables);
  const sections = firstRows(info.sections);
  const types = firstRows(info.types);
  const tags = firstRows(info.tags);
  // Tag indices count imported tags first.
  const importedTags = info.imports.filter((i) => i.kind === "tag").length;
  return (
    <div className="module-info" data-testid="module-panel">
      <p className="small">
        <strong>{formatBytes(info.size)}</strong> · {info.functionCount} function
        {info.functionCount === 1 ? "" : "s"}
        {info.hasStart && " · has a start function"}
        {info.features.length > 0 && ` · features: ${info.features.join(", ")}`}
      </p>
      <h3 className="subhead">Exports</h3>
      <ul className="kv-list" data-testid="module-exports">
        {info.exports.length === 0 && <li className="muted">none</li>}
        {exports.rows.map((e) => (
          <li key={e.name}>
            <code>{e.name}</code>
            <span className="mono muted">
              {e.kind === "function" ? `func ${formatSignature(e.signature)}` : e.kind}
            </span>
          </li>
        ))}
        <MoreRows hidden={exports.hidden} what="exports" />
      </ul>
      <h3 className="subhead">Imports</h3>
      <ul className="kv-list">
        {info.imports.length === 0 && <li className="muted">none</li>}
        {imports.rows.map((i) => (
          <li key={`${i.module}.${i.name}`}>
            <code>
              {i.module}.{i.name}
            </code>
            <span className="mono muted">
              {i.kind === "function" ? `func ${formatSignature(i.signature)}` : i.kind}
            </span>
          </li>
        ))}
        <MoreRows hidden={imports.hidden} what="imports" />
      </ul>
      <h3 className="subhead">Memory and tables</h3>
      <ul className="kv-list">
        {info.memories.length === 0 && info.tables.length === 0 && (
          <li className="muted">none defined</li>
        )}
        {memories.rows.map((m, i) => (
          <li key={`m${i}`}>
            <code>memory {i}</code>
            <span className="mono muted">{pages(m)}</span>
          </li>
        ))}
        <MoreRows hidden={memories.hidden} what="memories" />
        {tables.rows.map((t, i) => (
          <li key={`t${i}`}>
            <code>table {i}</code>
            <span className="mono muted">
              {t.elementType} {t.limits.initial}
              {t.limits.maximum !== undefined ? `..${t.limits.maximum}` : ".."}
              {t.limits.memory64 ? ", 64-bit" : ""}
            </span>
          </li>
        ))}
        <MoreRows hidden={tables.hidden} what="tables" />
      </ul>
      {info.typeCount > 0 && (
        <>
          <h3 className="subhead">Types</h3>
          <ul className="kv-list" data-testid="module-types">
            {types.rows.map((t, i) => (
              <li key={`y${i}`}>
                <code>type {i}</code>
                <span className="mono muted">
                  {recLabel(info.types, i)}
                  {formatType(t)}
                </span>
              </li>
            ))}
            <MoreRows hidden={info.typeCount - types.rows.length} what="types" />
          </ul>
        </>
      )}
      {info.tags.length > 0 && (
        <>
          <h3 className="subhead">Tags</h3>
          <ul className="kv-list" data-testid="module-tags">
            {tags.rows.map((t, i) => (
              <li key={`g${i}`}>
                <code>tag {importedTags + i}</code>
                <span className="mono muted">{formatSignature(t)}</span>
              </li>
            ))}
            <MoreRows hidden={tags.hidden} what="tags" />
          </ul>
        </>
      )}
      <h3 className="subhead">Sections</h3>
      <ul className="sections">
        {sections.rows.map((s) => (
          <li key={`${s.offset}`}>
            <span className="sections__name">{s.name}</span>
            <span
              className="sections__bar"
              style={{ width: `${(s.size / maxSection) * 100}%` }}
              aria-hidden="true"
            />
            <span className="sections__size mono">{formatBytes(s.size)}</span>
          </li>
        ))}
        <MoreRows hidden={sections.hidden} what="sections" />
      </ul>
    </div>
  );
}
