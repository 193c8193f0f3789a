// Editor themes that match the page's light and dark palettes.
import type * as Monaco from "monaco-editor/editor/editor.api";

export const LIGHT_THEME = "playground-light";
export const DARK_THEME = "playground-dark";

export function defineThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: "vs",
    inherit: true,
    rules: [
      { token: "keyword.instruction", foreground: "7c3aed" },
      { token: "variable", foreground: "0f766e" },
      { token: "type", foreground: "b45309" },
    ],
    colors: { "editor.background": "#ffffff", "editorLineNumber.foreground": "#94a3b8" },
  });
  monaco.editor.defineTheme(DARK_THEME, {
    base: "vs-dark",
    inherit: true,
    rules: [
      { token: "keyword.instruction", foreground: "c4b5fd" },
      { token: "variable", foreground: "5eead4" },
      { token: "type", foreground: "fbbf24" },
    ],
    colors: { "editor.background": "#0f172a", "editorLineNumber.foreground": "#475569" },
  });
}
