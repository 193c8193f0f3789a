// The profile in the editor: heat in the gutter beside each profiled function's lines, and the
// lines of a function clicked in the Profile tab brought into view, selected and highlighted
// (until the text changes). The lines shown are written on the editor's element for tests.
import { useEffect, type RefObject } from "react";
import type * as Monaco from "monaco-editor/editor/editor.api";
import type { EditorReveal } from "../state/types";
import type { HeatMark } from "../profile/source-locations";

type MonacoApi = typeof Monaco;
type Editor = Monaco.editor.IStandaloneCodeEditor;

export function useProfileMarks(
  monaco: MonacoApi | undefined,
  editorRef: RefObject<Editor | null>,
  modelId: string,
  heat: readonly HeatMark[] | undefined,
  reveal: EditorReveal | null | undefined,
): void {
  useEffect(() => {
    const editor = editorRef.current;
    if (!monaco || !editor || !heat?.length) return;
    const marks = editor.createDecorationsCollection(
      heat.map((h) => ({
        range: new monaco.Range(h.line, 1, h.endLine, 1),
        options: {
          isWholeLine: true,
          linesDecorationsClassName: `profile-heat profile-heat--${h.level}`,
          hoverMessage: { value: h.label },
        },
      })),
    );
    return () => marks.clear();
  }, [monaco, editorRef, modelId, heat]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!monaco || !editor || !reveal) return;
    const { line, endLine } = reveal;
    editor.revealLinesInCenterIfOutsideViewport(line, endLine);
    editor.setSelection(new monaco.Range(line, 1, line, 1));
    const shown = editor.createDecorationsCollection([
      {
        range: new monaco.Range(line, 1, endLine, 1),
        options: { isWholeLine: true, className: "profile-reveal" },
      },
    ]);
    const element = editor.getContainerDomNode().closest<HTMLElement>(".code-editor");
    if (element) element.dataset.revealed = `${line}-${endLine}`;
    const edited = editor.onDidChangeModelContent(() => shown.clear());
    return () => {
      edited.dispose();
      shown.clear();
    };
  }, [monaco, editorRef, reveal]);
}
