// The clang worker's interface. Progress comes back through a callback the page passes
// (a Comlink proxy), and is validated on arrival like any other message from a worker.
import { z } from "../../zod";
import type { CompileOutcome } from "../api";
import type { ClangBuildOptions, ClangLanguage } from "./options";

export const ClangProgressSchema = z.discriminatedUnion("stage", [
  z.strictObject({
    stage: z.literal("download"),
    /** "cache": read back from Cache Storage, not downloaded. */
    source: z.enum(["download", "cache"]),
    loadedBytes: z.number().nonnegative(),
    totalBytes: z.number().positive(),
  }),
  z.strictObject({ stage: z.literal("prepare") }),
  z.strictObject({ stage: z.literal("compile") }),
]);
export type ClangProgressMessage = z.infer<typeof ClangProgressSchema>;
export type ClangProgressListener = (progress: ClangProgressMessage) => void;

/**
 * A failed compile whose compiler crashed or ran out of its memory: the worker is replaced, since
 * the compiler's state (and the memory it holds) is only surely gone with it.
 */
export function compilerDidNotFinish(message: string): boolean {
  return / compiler (crashed|needed more than)/.test(message);
}

export type ClangLoadOutcome = { ok: true; fromCache: boolean } | { ok: false; message: string };

export interface ClangApi {
  /** Downloads (or reads from the cache) and prepares the compiler; once per worker. */
  load(onProgress: ClangProgressListener): Promise<ClangLoadOutcome>;
  compile(
    source: string,
    language: ClangLanguage,
    options: ClangBuildOptions,
    onProgress: ClangProgressListener,
  ): Promise<CompileOutcome>;
}
