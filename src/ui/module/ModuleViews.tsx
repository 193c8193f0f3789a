// The editor column's views of what was built: the module's WAT, or the instrumented module's
// (as a run with the current limits would run it), each searchable, downloadable, and openable
// in the editor as WAT source.
import { useState } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import { formatBytes } from "../dashboard/format";
import { DisassemblyView } from "./DisassemblyView";
import { moduleFileName, saveBytes, type ModuleKind } from "./file-names";
import { MAX_EDITOR_WAT_CHARS, openAsWat, replacesOwnWat } from "./open-as-wat";
import { useDisassembly } from "./useDisassembly";
import { useInstrumented } from "./useInstrumented";
import { useModuleThatRuns } from "./useModuleThatRuns";
import { groupDigits } from "../../sandbox/digits";

export type EditorView = "source" | ModuleKind;

export function ModuleViews({ kind, onShowSource }: { kind: ModuleKind; onShowSource(): void }) {
  const playground = usePlayground();
  const compiled = usePlaygroundState((s) => s.compiled);
  const compileError = usePlaygroundState((s) => s.compileError);
  const binary = usePlaygroundState((s) => s.binary);
  const exampleId = usePlaygroundState((s) => s.exampleId);
  const runs = useModuleThatRuns(true);
  const runsBytes = runs.status === "ready" ? runs.bytes : null;
  const instrumented = useInstrumented(kind === "instrumented" ? runsBytes : null);
  const bytes =
    kind === "module" ? runsBytes : instrumented.status === "ready" ? instrumented.bytes : null;
  const doc = useDisassembly(bytes);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const fileName = moduleFileName({ binary, exampleId }, kind);

  const takeText = async () => {
    if (doc.status !== "ready") return;
    setRefusal(null);
    const text = await doc.host.text(doc.id, MAX_EDITOR_WAT_CHARS);
    if (text === null) {
      setRefusal(
        `This WAT is ${groupDigits(doc.summary.lineCount)} lines (${formatBytes(doc.summary.length)}); the editor takes up to ${formatBytes(MAX_EDITOR_WAT_CHARS)}. Download the module instead.`,
      );
      return;
    }
    if (replacesOwnWat(playground.store.get(), text)) setConfirming(text);
    else finishOpen(text);
  };
  const finishOpen = (text: string) => {
    setConfirming(null);
    openAsWat(playground, text, fileName);
    onShowSource();
  };

  let status: string | null = null;
  if (!compiled) {
    status = compileError
      ? `Nothing to show: the source does not compile (${compileError}).`
      : "Nothing built yet: compile the source or open a .wasm file.";
  } else if (runs.status === "working") {
    status = `Optimising with binaryen -${runs.level}, as a run would…`;
  } else if (runs.status === "error") {
    status = `The module could not be optimised: ${runs.message}`;
  } else if (kind === "instrumented" && instrumented.status === "error") {
    status = `The module could not be instrumented: ${instrumented.message}`;
  } else if (kind === "instrumented" && instrumented.status !== "ready") {
    status = "Instrumenting with the current limits…";
  } else if (doc.status === "working") {
    status = `Disassembling ${formatBytes(doc.bytes)} in the disassembly worker…`;
  } else if (doc.status === "error") {
    status = doc.message;
  }

  return (
    <div className="module-views" data-testid={`module-view-${kind}`}>
      <div className="module-views__bar">
        <span className="small muted" data-testid="module-view-info">
          {bytes && `${formatBytes(bytes.byteLength)}`}
          {doc.status === "ready" &&
            ` · ${groupDigits(doc.summary.functions.length)} functions · ${groupDigits(doc.summary.lineCount)} lines · disassembled in ${(doc.disassembleMs / 1000).toFixed(1)} s`}
          {doc.status === "ready" && doc.textBy === "binaryen" && (
            <span data-testid="module-view-text-by">
              {" · binaryen's text format (wabt cannot read this module's GC types)"}
            </span>
          )}
          {runs.status !== "idle" && (
            <span data-testid="module-view-which">
              {runs.level === "none"
                ? " · the module that runs (binaryen off)"
                : ` · binaryen -${runs.level}'s output, the module that runs (before it: ${formatBytes(compiled?.bytes.byteLength ?? 0)})`}
            </span>
          )}
          {kind === "instrumented" && " · with the current limits"}
        </span>
        <span className="module-views__actions">
          <button
            type="button"
            className="button button--small"
            disabled={!bytes}
            data-testid={`download-${kind}`}
            onClick={() => bytes && saveBytes(fileName, bytes)}
            title={`Download ${fileName}`}
          >
            ⤓ {fileName}
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={doc.status !== "ready"}
            data-testid="open-as-wat"
            onClick={() => void takeText()}
          >
            Open as WAT
          </button>
        </span>
      </div>
      {confirming !== null && (
        <div className="module-views__confirm" role="alertdialog" aria-label="Replace your WAT?">
          <span>
            Open this disassembly as WAT? It replaces the WAT in the editor (you can undo it).
          </span>
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="open-as-wat-confirm"
            onClick={() => finishOpen(confirming)}
          >
            Replace
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => setConfirming(null)}
          >
            Cancel
          </button>
        </div>
      )}
      {refusal && (
        <p className="module-views__note warn-text" role="status">
          {refusal}
        </p>
      )}
      {status !== null ? (
        <p className="module-views__status muted" data-testid="module-view-status">
          {doc.status === "working" ||
          runs.status === "working" ||
          (kind === "instrumented" && instrumented.status === "working") ? (
            <span className="spinner" aria-hidden="true" />
          ) : null}
          {status}
        </p>
      ) : (
        doc.status === "ready" && <DisassemblyView key={doc.id} doc={doc} version={doc.version} />
      )}
    </div>
  );
}
