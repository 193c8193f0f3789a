// Build options for C and C++ (clang from @yowasp/clang, targeting wasm32-wasip1): the -O level,
// extra flags from an allow-list, and the C++ exception setting. Everything that can come from a
// link is checked here, and the compiler's command line is built here and nowhere else.
import { z } from "../../zod";

export const CLANG_LANGUAGES = ["c", "cpp"] as const;
export type ClangLanguage = (typeof CLANG_LANGUAGES)[number];

export const CLANG_OPT_LEVELS = ["O0", "O1", "O2", "O3", "Os", "Oz"] as const;
export type ClangOptLevel = (typeof CLANG_OPT_LEVELS)[number];

/** Larger sources are refused before compiling. */
export const MAX_CLANG_SOURCE_CHARS = 1024 * 1024;
export const MAX_CLANG_FLAGS = 32;

/**
 * Extra flags a person (or a link) may add. Only flags that change how the one source file is
 * compiled or which wasm features it uses: nothing that names a file or directory (-o, -I,
 * -include, --sysroot, @file), passes raw options to a tool (-Xclang, -mllvm, -Wl,<anything>)
 * or loads code (-fplugin).
 */
const ALLOWED_FLAGS: readonly RegExp[] = [
  /^-W[a-z][a-z0-9+-]*(=[a-z0-9-]+)?$/, // warnings: -Wall, -Wextra, -Werror, -Wno-unused
  /^-w$/,
  /^-pedantic(-errors)?$/,
  /^-std=(c|gnu)(89|90|99|11|17|18|23|2x)$/,
  /^-std=(c|gnu)\+\+(98|03|11|14|17|20|23|2a|2b|2c|26)$/,
  /^-D[A-Za-z_][A-Za-z0-9_]*(=[A-Za-z0-9_.+-]{0,64})?$/,
  /^-U[A-Za-z_][A-Za-z0-9_]*$/,
  /^-f(no-)?(rtti|strict-aliasing|unroll-loops|vectorize|slp-vectorize|builtin|signed-char|unsigned-char|fast-math|inline-functions|omit-frame-pointer)$/,
  /^-m(no-)?(simd128|bulk-memory|sign-ext|nontrapping-fptoint|mutable-globals|multivalue|reference-types|tail-call|extended-const)$/,
  /^-mexec-model=(command|reactor)$/,
  /^-g[0-3]?$/,
  /^-Wl,--no-entry$/,
  /^-Wl,--export-all$/,
  /^-Wl,--export=[A-Za-z_][A-Za-z0-9_]{0,127}$/,
  /^-Wl,-z,stack-size=[1-9][0-9]{0,8}$/,
  /^-lm$/,
];

export function isAllowedFlag(flag: string): boolean {
  return ALLOWED_FLAGS.some((pattern) => pattern.test(flag));
}

export const ClangBuildOptionsSchema = z.strictObject({
  optLevel: z.enum(CLANG_OPT_LEVELS).default("O2"),
  flags: z
    .array(z.string().max(200).refine(isAllowedFlag, { message: "a flag outside the allow-list" }))
    .max(MAX_CLANG_FLAGS)
    .default([]),
  /**
   * C++ exceptions. This build of libc++ has no exception support, so with it on a program that
   * throws fails to link (the message says so); off is -fno-exceptions.
   */
  exceptions: z.boolean().default(false),
});
export type ClangBuildOptions = z.output<typeof ClangBuildOptionsSchema>;

export const DEFAULT_CLANG_OPTIONS: ClangBuildOptions = {
  optLevel: "O2",
  flags: [],
  exceptions: false,
};

/** The flags typed in one line, split at white space ("-Wall  -DN=3" → ["-Wall", "-DN=3"]). */
export function splitFlags(text: string): string[] {
  return text.split(/\s+/).filter((flag) => flag !== "");
}

/** The first flag that is not allowed, with the reason, or null when all are. */
export function refusedFlag(flags: readonly string[]): string | null {
  if (flags.length > MAX_CLANG_FLAGS) return `at most ${MAX_CLANG_FLAGS} extra flags`;
  const bad = flags.find((flag) => !isAllowedFlag(flag));
  return bad === undefined ? null : `${JSON.stringify(bad)} is not an allowed flag`;
}

export const SOURCE_FILE_NAMES: Record<ClangLanguage, string> = { c: "main.c", cpp: "main.cpp" };
export const OUTPUT_FILE_NAME = "main.wasm";

/** The clang command line (argv without the program) for one source file. */
export function clangArgs(language: ClangLanguage, options: ClangBuildOptions): string[] {
  const driver = language === "cpp" ? "clang++" : "clang";
  const exceptions =
    language === "cpp" ? [options.exceptions ? "-fwasm-exceptions" : "-fno-exceptions"] : [];
  return [
    driver,
    `-${options.optLevel}`,
    ...exceptions,
    ...options.flags,
    SOURCE_FILE_NAMES[language],
    "-o",
    OUTPUT_FILE_NAME,
  ];
}
