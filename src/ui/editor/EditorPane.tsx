// The editor column's top: which file is shown, and the editor itself.
import { useCallback } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import { CodeEditor } from "./CodeEditor";
import { EXAMPLES } from "../controller/examples";

const EMPTY: never[] = [];

export function EditorPane({ dark }: { dark: boolean }) {
  const playground = usePlayground();
  const language = usePlaygroundState((s) => s.language);
  const source = usePlaygroundState((s) => s.sources[s.language]);
  const binary = usePlaygroundState((s) => s.binary);
  const diagnostics = usePlaygroundState((s) => s.diagnostics);
  const exampleId = usePlaygroundState((s) => s.exampleId);
  const example = exampleId ? EXAMPLES.find((e) => e.id === exampleId) : undefined;
  const sourceUrl = binary && example?.language === "wasm" ? example.sourceUrl : null;
  const onChange = useCallback((text: string) => playground.setSource(text), [playground]);
  const onRun = useCallback(() => void playground.run(), [playground]);

  const fileName = binary ? binary.name : language === "wat" ? "main.wat" : "main.ts";
  return (
    <section className="editor-pane" aria-label="Editor">
      <div className="editor-pane__bar">
        <span className="editor-pane__file" data-testid="file-name">
          {fileName}
          {binary && <span className="badge">read-only disassembly</span>}
        </span>
        <span className="editor-pane__actions">
          {sourceUrl && (
            <a className="link-button" href={sourceUrl} target="_blank" rel="noreferrer">
              Built from {sourceUrl.split("/").pop()}
            </a>
          )}
          {binary && (
            <button type="button" className="link-button" onClick={() => playground.closeBinary()}>
              Back to source
            </button>
          )}
        </span>
      </div>
      <CodeEditor
        modelId={binary ? `binary/${binary.name}` : `source/${language}`}
        languageId={binary || language === "wat" ? "wat" : "assemblyscript"}
        value={binary ? (binary.disassembly ?? ";; disassembling…") : source}
        readOnly={binary !== null}
        dark={dark}
        diagnostics={binary ? EMPTY : diagnostics}
        onChange={onChange}
        onRun={onRun}
        ariaLabel={
          binary
            ? `Disassembly of ${binary.name}`
            : `${language === "wat" ? "WAT" : "AssemblyScript"} source`
        }
      />
    </section>
  );
}
