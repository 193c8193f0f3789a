// Monaco, loaded lazily (this module is the lazy chunk). Only what the playground uses: the core
// editor, a few editing features, our WAT tokenizer, the TypeScript tokenizer for
// AssemblyScript and Monaco's Ruby tokenizer — not the TypeScript language service and its worker.
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/features/codeEditor/register";
import "monaco-editor/features/codicon/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/readOnlyMessage/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/wordOperations/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import {
  conf as tsConf,
  language as tsLanguage,
} from "monaco-editor/languages/definitions/typescript/typescript";
import {
  conf as cppConf,
  language as cppLanguage,
} from "monaco-editor/languages/definitions/cpp/cpp";
import {
  conf as rubyConf,
  language as rubyLanguage,
} from "monaco-editor/languages/definitions/ruby/ruby";
import { WAT_LANGUAGE_ID, watConfiguration, watLanguage } from "./wat-language";
import { defineThemes } from "./themes";

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export const AS_LANGUAGE_ID = "assemblyscript";
export const RUBY_LANGUAGE_ID = "ruby";

monaco.languages.register({ id: WAT_LANGUAGE_ID, extensions: [".wat", ".wast"], aliases: ["WAT"] });
monaco.languages.setMonarchTokensProvider(WAT_LANGUAGE_ID, watLanguage);
monaco.languages.setLanguageConfiguration(WAT_LANGUAGE_ID, watConfiguration);

monaco.languages.register({ id: AS_LANGUAGE_ID, extensions: [".ts"], aliases: ["AssemblyScript"] });
monaco.languages.setMonarchTokensProvider(AS_LANGUAGE_ID, tsLanguage);
monaco.languages.setLanguageConfiguration(AS_LANGUAGE_ID, tsConf);

// C and C++ share Monaco's C++ tokenizer.
monaco.languages.register({ id: "c", extensions: [".c", ".h"], aliases: ["C"] });
monaco.languages.register({ id: "cpp", extensions: [".cpp", ".cc", ".hpp"], aliases: ["C++"] });
for (const id of ["c", "cpp"]) {
  monaco.languages.setMonarchTokensProvider(id, cppLanguage);
  monaco.languages.setLanguageConfiguration(id, cppConf);
}

monaco.languages.register({ id: RUBY_LANGUAGE_ID, extensions: [".rb"], aliases: ["Ruby"] });
monaco.languages.setMonarchTokensProvider(RUBY_LANGUAGE_ID, rubyLanguage);
monaco.languages.setLanguageConfiguration(RUBY_LANGUAGE_ID, rubyConf);

defineThemes(monaco);

export { monaco };
