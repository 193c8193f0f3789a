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

/**
 * How a language's program reaches a module, the one place the page decides it:
 * - "toolchain": compiled in the toolchain worker (WAT, AssemblyScript);
 * - "clang": compiled by clang in its own worker, with build options (C, C++);
 * - "script": not compiled; the program is a script run by an interpreter module (Ruby on CRuby,
 *   fetched on the first run, so nothing compiles while the person types).
 */
export type LanguageBuild = "toolchain" | "clang" | "script";

export const LANGUAGE_BUILD: Record<Language, LanguageBuild> = {
  wat: "toolchain",
  assemblyscript: "toolchain",
  c: "clang",
  cpp: "clang",
  ruby: "script",
};

export type ClangLanguage = "c" | "cpp";

/** Whether a language is built by clang (and so has build options). */
export function isClangLanguage(language: Language): language is ClangLanguage {
  return LANGUAGE_BUILD[language] === "clang";
}
