// Monaco ships its basic-language tokenizers without typings; these are all we use.
declare module "monaco-editor/languages/definitions/typescript/typescript" {
  import type * as Monaco from "monaco-editor/editor/editor.api";
  export const conf: Monaco.languages.LanguageConfiguration;
  export const language: Monaco.languages.IMonarchLanguage;
}

declare module "monaco-editor/languages/definitions/cpp/cpp" {
  import type * as Monaco from "monaco-editor/editor/editor.api";
  export const conf: Monaco.languages.LanguageConfiguration;
  export const language: Monaco.languages.IMonarchLanguage;
}

declare module "monaco-editor/languages/definitions/ruby/ruby" {
  import type * as Monaco from "monaco-editor/editor/editor.api";
  export const conf: Monaco.languages.LanguageConfiguration;
  export const language: Monaco.languages.IMonarchLanguage;
}
