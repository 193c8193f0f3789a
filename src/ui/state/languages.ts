// How each language of the editor is named on the page. Monaco's language ids are the same
// strings as Language (monaco-setup.ts registers them).
import { DEFAULT_LIMITS, RUBY_LIMITS } from "./defaults";
import type { Language, PageLimits, PlaygroundState } from "./types";

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

/**
 * The limits each language starts with, and the ones a link's limits are reviewed against (an
 * example or a link may set others). Ruby's are CRuby's own: its start-up alone is 0.52 G fuel.
 */
export const LANGUAGE_LIMITS: Record<Language, PageLimits> = {
  wat: DEFAULT_LIMITS,
  assemblyscript: DEFAULT_LIMITS,
  c: DEFAULT_LIMITS,
  cpp: DEFAULT_LIMITS,
  ruby: RUBY_LIMITS,
};

/** The limits a language starts with. */
export function defaultLimitsFor(language: Language): PageLimits {
  return LANGUAGE_LIMITS[language];
}

/** The default limits of what the page holds: a binary on show has the page's general ones. */
export function defaultLimitsOf(s: Pick<PlaygroundState, "language" | "binary">): PageLimits {
  return s.binary === null ? defaultLimitsFor(s.language) : DEFAULT_LIMITS;
}

function sameLimits(a: PageLimits, b: PageLimits): boolean {
  return (
    a.memoryMiB === b.memoryMiB &&
    a.fuel === b.fuel &&
    a.timeoutMs === b.timeoutMs &&
    a.outputKiB === b.outputKiB
  );
}

/**
 * The limits after switching from one language to another: the new language's defaults when
 * the person still has the old one's, else the person's own limits, untouched.
 */
export function limitsAfterSwitch(current: PageLimits, from: Language, to: Language): PageLimits {
  return sameLimits(current, defaultLimitsFor(from)) ? defaultLimitsFor(to) : current;
}

export type ClangLanguage = "c" | "cpp";

/** Whether a language is built by clang (and so has build options). */
export function isClangLanguage(language: Language): language is ClangLanguage {
  return LANGUAGE_BUILD[language] === "clang";
}
