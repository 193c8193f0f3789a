// The clang worker: C and C++ compiles, in a worker of their own so that a compile past its time
// limit, a compiler crash or an out-of-memory ends only this worker (runtime/clang-host.ts
// replaces it; the next compile reads the compiler back from Cache Storage).
import { exposeOnConnect } from "../../runtime/worker-endpoint";
import type { ClangApi, ClangProgressListener } from "./clang-api";
import { cachingFetch, type FetchTally } from "./clang-cache";
import { compileClang, loadClang, type ClangProgress } from "./compile-clang";
import { installClangMemoryBound, type BoundResult } from "./memory-bound";
import { ClangBuildOptionsSchema } from "./options";

const tally: FetchTally = { fromNetwork: 0, fromCache: 0 };
// @yowasp/clang fetches its files with the global fetch it finds when it is first imported (in
// compile-clang.ts, on the first load): this worker exists only for it, so the global is ours.
globalThis.fetch = cachingFetch(clangVersion, tally);
// Compiling is untrusted work: the compiler's memory is bounded (1 GiB) in every module it
// compiles. A module whose memory could not be bounded is not run (load() fails instead).
const bounds: BoundResult[] = [];
installClangMemoryBound(undefined, (result) => bounds.push(result));

function unboundedMemory(): string | undefined {
  const failed = bounds.find((result) => result === "no-maximum" || result === "need-more");
  return failed === undefined
    ? undefined
    : `its memory could not be bounded (${failed === "no-maximum" ? "it declares no maximum" : "its memory section could not be read"}), so it is not started`;
}

/** The package's version (exported by its bundle, though not by its types): the cache's name. */
async function clangVersion(): Promise<string> {
  const clang = (await import("@yowasp/clang")) as { version?: unknown };
  return typeof clang.version === "string" ? clang.version : "unknown";
}

function reporter(onProgress: ClangProgressListener): (progress: ClangProgress) => void {
  return (progress) =>
    void onProgress(
      progress.stage === "download"
        ? { ...progress, source: tally.fromNetwork > 0 ? "download" : "cache" }
        : progress,
    );
}

const api: ClangApi = {
  async load(onProgress) {
    try {
      await loadClang(reporter(onProgress));
      const unbounded = unboundedMemory();
      if (unbounded) return { ok: false, message: unbounded };
      return { ok: true, fromCache: tally.fromNetwork === 0 };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  },
  compile(source, language, options, onProgress) {
    // The options crossed a boundary: checked again here, where the command line is built.
    const parsed = ClangBuildOptionsSchema.safeParse(options);
    if (!parsed.success) {
      const message = `Build options: ${parsed.error.issues[0]?.message ?? "invalid"}.`;
      return Promise.resolve({ ok: false, message, diagnostics: [{ message, severity: "error" }] });
    }
    const lang = language === "cpp" ? "cpp" : "c";
    return compileClang(String(source), lang, parsed.data, reporter(onProgress));
  },
};

exposeOnConnect(api);
