// How each language of the editor is named on the page. Monaco's language ids are the same
// strings as Language (monaco-setup.ts registers them).
import type { Language } from "./types";

export const LANGUAGES: readonly Language[] = ["wat", "assemblyscript", "c", "cpp", "ruby"];

export const LANGUAGE_NAMES: Record<Language, string> = {
  wat: "WAT",
  assemblyscript: "AssemblyScript",
  c: "C",
  cpp: "C++",
  ruby: "Ruby",
};

export const LANGUAGE_FILE_NAMES: Record<Language, string> = {
  wat: "main.wat",
  assemblyscript: "main.ts",
  c: "main.c",
  cpp: "main.cpp",
  ruby: "main.rb",
};
