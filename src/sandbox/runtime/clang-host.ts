// The main thread's handle on the clang worker (C and C++): spawned on the first C or C++
// compile, never before. Loading the compiler (~105 MB, downloaded once, then from Cache
// Storage) has its own generous bound; each compile has a time limit. A compile past its limit,
// a compiler crash or an out-of-memory terminates the worker: the call returns a clear message
// and the next compile starts a fresh worker.
import * as Comlink from "comlink";
import type { CompileOutcome } from "../toolchain/api";
import {
  ClangProgressSchema,
  compilerDidNotFinish,
  type ClangApi,
  type ClangLoadOutcome,
  type ClangProgressListener,
} from "../toolchain/clang/clang-api";
import type { ClangBuildOptions, ClangLanguage } from "../toolchain/clang/options";
import { WorkerHandle, type CallFailure } from "./worker-handle";
import type { WorkerLike } from "./worker-endpoint";
import { compileFailure } from "../toolchain/compile-failure";
import { replyCheck, TOOLCHAIN_REPLIES } from "./toolchain-reply-schema";

/** The compiler's reply is checked like the toolchain worker's (toolchain-reply-schema.ts). */
const checkCompileReply = replyCheck(TOOLCHAIN_REPLIES.compile);

/** A C++ program with <iostream> takes ~30 s in Node on a busy machine; C ~1 s. */
export const DEFAULT_CLANG_COMPILE_TIMEOUT_MS = 90_000;
/** Downloading 105 MB on a slow line, then compiling the 75 MB compiler module. */
export const DEFAULT_CLANG_LOAD_TIMEOUT_MS = 10 * 60_000;

export class ClangHost {
  private handle: WorkerHandle<ClangApi> | undefined;
  private loaded = false;

  constructor(
    private readonly spawn: () => WorkerLike,
    public compileTimeoutMs = DEFAULT_CLANG_COMPILE_TIMEOUT_MS,
    public loadTimeoutMs = DEFAULT_CLANG_LOAD_TIMEOUT_MS,
  ) {}

  async compile(
    source: string,
    language: ClangLanguage,
    options: ClangBuildOptions,
    onProgress: ClangProgressListener = () => {},
  ): Promise<CompileOutcome> {
    const name = language === "cpp" ? "C++" : "C";
    if (!this.handle?.alive) {
      this.handle = new WorkerHandle<ClangApi>(this.spawn());
      this.loaded = false;
    }
    const handle = this.handle;
    // Progress from the worker is checked before the page sees it.
    const listener = Comlink.proxy((message: unknown) => {
      const parsed = ClangProgressSchema.safeParse(message);
      if (parsed.success) onProgress(parsed.data);
    });
    if (!this.loaded) {
      const load = await handle.call<ClangLoadOutcome>(
        (remote) => remote.load(listener),
        this.loadTimeoutMs,
      );
      const loadFailure = !load.ok
        ? describeFailure(load, `loading the ${name} compiler`, this.loadTimeoutMs)
        : !load.value.ok
          ? `The ${name} compiler failed to load: ${load.value.message}`
          : undefined;
      if (loadFailure !== undefined) {
        handle.terminate("replaced after a failed load");
        return compileFailure(loadFailure);
      }
      this.loaded = true;
    }
    const outcome = await handle.call<unknown>(
      (remote) => remote.compile(source, language, options, listener),
      this.compileTimeoutMs,
    );
    if (!outcome.ok) {
      handle.terminate("replaced after a failed compile");
      return compileFailure(
        describeFailure(outcome, `compiling the ${name}`, this.compileTimeoutMs),
      );
    }
    const reply = checkCompileReply(outcome.value);
    if (!reply.ok) {
      handle.terminate("replaced after a malformed reply");
      return compileFailure(
        `Compiling the ${name} failed: ${reply.message}; the compiler restarts on the next compile.`,
      );
    }
    // A compiler that crashed or ran out of memory may have left the worker unusable: start afresh.
    if (!reply.value.ok && compilerDidNotFinish(reply.value.message)) {
      handle.terminate("replaced after a compiler crash");
    }
    return reply.value;
  }

  /** Ends the worker; the next compile spawns a new one (reading the compiler from the cache). */
  dispose(): void {
    this.handle?.terminate("disposed");
    this.handle = undefined;
  }
}

function describeFailure(failure: CallFailure, what: string, boundMs: number): string {
  if (failure.reason === "timeout") {
    return `${capitalise(what)} took longer than ${boundMs / 1000} s, so it was stopped; the compiler restarts on the next compile.`;
  }
  return `${capitalise(what)} failed: the compiler's worker ended (${failure.message}; often it ran out of memory); it restarts on the next compile.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
