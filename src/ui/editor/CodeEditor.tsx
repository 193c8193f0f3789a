// The Monaco editor behind one small props interface. Until Monaco has loaded, the same text is
// shown in a plain block of the same size, so the page paints at once and does not jump.
import { useEffect, useRef } from "react";
import type * as Monaco from "monaco-editor/editor/editor.api";
import type { CompileDiagnostic } from "../../sandbox/toolchain/api";
import { useMonaco } from "./useMonaco";
import { DARK_THEME, LIGHT_THEME } from "./themes";
import type { EditorReveal } from "../state/types";
import type { HeatMark } from "../profile/source-locations";
import { useProfileMarks } from "./useProfileMarks";

export interface CodeEditorProps {
  /** Which model to show: one per language, plus one for a read-only disassembly. */
  modelId: string;
  languageId: string;
  value: string;
  readOnly: boolean;
  dark: boolean;
  diagnostics: CompileDiagnostic[];
  onChange(value: string): void;
  onRun(): void;
  ariaLabel: string;
  /** The shown profile's heat in the gutter, by function lines. */
  heat?: readonly HeatMark[];
  /** Lines to bring into view and select (a profiled function). */
  reveal?: EditorReveal | null;
}

export function CodeEditor(props: CodeEditorProps) {
  const setup = useMonaco();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    if (!setup || !host.current) return;
    const { monaco } = setup;
    const editor = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      ariaLabel: latest.current.ariaLabel,
      fixedOverflowWidgets: true,
      renderLineHighlight: "line",
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun());
    const sub = editor.onDidChangeModelContent(() => {
      if (!editor.getOption(monaco.editor.EditorOption.readOnly)) {
        latest.current.onChange(editor.getValue());
      }
    });
    editorRef.current = editor;
    return () => {
      sub.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, [setup]);

  const { modelId, languageId, value, readOnly, dark, diagnostics } = props;

  useEffect(() => {
    const editor = editorRef.current;
    if (!setup || !editor) return;
    const { monaco } = setup;
    const uri = monaco.Uri.parse(`inmemory://playground/${modelId}`);
    let model = monaco.editor.getModel(uri);
    if (!model) model = monaco.editor.createModel(value, languageId, uri);
    if (model.getLanguageId() !== languageId) monaco.editor.setModelLanguage(model, languageId);
    if (editor.getModel() !== model) editor.setModel(model);
    editor.updateOptions({ readOnly, ariaLabel: props.ariaLabel });
    if (model.getValue() !== value) {
      if (readOnly) model.setValue(value);
      else {
        // An outside change (example, file, link, test hook): one undoable edit, not a reset.
        editor.executeEdits("playground", [{ range: model.getFullModelRange(), text: value }]);
        editor.pushUndoStop();
      }
    }
  }, [setup, modelId, languageId, value, readOnly, props.ariaLabel]);

  useProfileMarks(setup?.monaco, editorRef, modelId, props.heat, props.reveal);

  useEffect(() => {
    setup?.monaco.editor.setTheme(dark ? DARK_THEME : LIGHT_THEME);
  }, [setup, dark]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!setup || !model) return;
    const { monaco } = setup;
    monaco.editor.setModelMarkers(
      model,
      "compile",
      // A message with no position (e.g. the compiler crashed) belongs in the console, not on line 1.
      diagnostics
        .filter((d) => d.line !== undefined)
        .map((d) => ({
          message: d.message,
          severity:
            d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          startLineNumber: d.line ?? 1,
          startColumn: d.column ?? 1,
          endLineNumber: d.endLine ?? d.line ?? 1,
          endColumn:
            d.endColumn ??
            (d.column !== undefined ? d.column + 1 : model.getLineMaxColumn(d.line ?? 1)),
        })),
    );
  }, [setup, diagnostics, modelId, value]);

  return (
    <div className="code-editor" data-testid="editor" data-ready={setup ? "true" : "false"}>
      {!setup && (
        <pre className="code-editor__fallback" aria-label={`${props.ariaLabel} (loading editor)`}>
          {value}
        </pre>
      )}
      <div ref={host} className="code-editor__host" hidden={!setup} />
    </div>
  );
}
