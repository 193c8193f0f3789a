// window.playground: the embedding API of the page, also the hook e2e tests drive it with (they
// never type into Monaco). Documented in docs below; keep it small and stable.
//
//   playground.setSource(text, "wat" | "assemblyscript" | "c" | "cpp" | "ruby") put code in the editor
//   playground.setBuildOptions({ optLevel, flags, exceptions, optimize })   C/C++ build options and
//                                                          binaryen's optimizer ("none" | "O1" … "O4" | "Os" | "Oz") → null, or why refused
//   playground.getSource()                                 → { text, language }
//   playground.setLimits({ memoryMiB, fuel, timeoutMs, outputKiB })   fuel: number | bigint | null
//   playground.loadExample(id)                             → Promise<boolean>
//   playground.loadWasm(bytes, name?)                      open a binary module
//   playground.run({ entry?, args?, compareUnmetered?, compareOptimize? })   → Promise<ExecutionResult>
//   playground.lastResult()                                → ExecutionResult | null
//   playground.stop()                                      end the current run at once
//   playground.compile()                                   → Promise<{ ok, diagnostics, message? }>
//   playground.share()                                     → Promise<{ ok, url, chars } | { ok: false, message }>
//   playground.setInput({ stdin, argv, env, deterministic })   WASI program input (env: [name, value][])
//   playground.getInput()                                  → the same, plus files ({ path, text } | { path, size })
//   playground.putFile(path, text | bytes)                 → normalised path, or null if refused
//   playground.getLimits()                                 → { memoryMiB, fuel (string | null), timeoutMs, outputKiB }
//   playground.drafts()                                    → Promise<{ id, savedAt, origin, language, title, size }[]> (newest first; saves pending work first)
//   playground.restoreDraft(id)                            → Promise<boolean>
//   playground.ready                                       → Promise: link/draft restored
import type { CompileDiagnostic } from "../../sandbox/toolchain/api";
import type { ExecutionResult } from "../../sandbox/types";
import type { GuestIo, Language, PageLimits } from "../state/types";
import type { Playground } from "./playground";
import type { ClangBuildOptions } from "../../sandbox/toolchain/clang/options";
import type { OptimizeLevel } from "../../sandbox/toolchain/optimize";
import type { RunRequest } from "./run";
import type { ShareController, ShareOutcome } from "../share/share-controller";
import type { DraftSummary } from "../../share";

export interface LimitsInput {
  memoryMiB?: number;
  fuel?: number | bigint | null;
  timeoutMs?: number;
  outputKiB?: number;
}

export type InputPatch = Partial<Pick<GuestIo, "stdin" | "argv" | "env" | "deterministic">>;

export interface InputView extends Omit<GuestIo, "files"> {
  files: ({ path: string; text: string } | { path: string; size: number })[];
}

export interface PlaygroundApi {
  setSource(text: string, language?: Language): void;
  getSource(): { text: string; language: Language | "wasm" };
  setLimits(limits: LimitsInput): void;
  setBuildOptions(
    options: Partial<ClangBuildOptions> & { optimize?: OptimizeLevel },
  ): string | null;
  loadExample(id: string): Promise<boolean>;
  loadWasm(bytes: Uint8Array | ArrayBuffer, name?: string): Promise<boolean>;
  run(request?: RunRequest): Promise<ExecutionResult>;
  lastResult(): ExecutionResult | null;
  stop(): void;
  compile(): Promise<{ ok: boolean; diagnostics: CompileDiagnostic[]; message?: string }>;
  share(): Promise<ShareOutcome>;
  setInput(input: InputPatch): void;
  getInput(): InputView;
  putFile(path: string, content: string | Uint8Array | ArrayBuffer): string | null;
  getLimits(): { memoryMiB: number; fuel: string | null; timeoutMs: number; outputKiB: number };
  /** The saved drafts, newest first (pending edits are saved first). */
  drafts(): Promise<DraftSummary[]>;
  restoreDraft(id: string): Promise<boolean>;
  /** Settles once the page has restored its link or draft. */
  ready: Promise<void>;
}

export function createEmbeddingApi(
  playground: Playground,
  share: ShareController,
  ready: Promise<void>,
): PlaygroundApi {
  const { store } = playground;
  return {
    ready,
    share: () => share.share(),
    drafts: () => share.drafts.flush().then(() => share.drafts.list()),
    restoreDraft: (id) => share.drafts.restore(String(id)),
    setSource: (text, language) => playground.setSource(text, language),
    setBuildOptions({ optimize, ...clang }) {
      const refused = optimize !== undefined ? playground.setOptimize(optimize) : null;
      if (refused !== null) return refused;
      return Object.keys(clang).length > 0 ? playground.setClangOptions(clang) : null;
    },
    getSource() {
      const s = store.get();
      return s.binary
        ? // A binary's WAT stays in the disassembly worker (CRuby's is 320 M characters).
          { text: "", language: "wasm" }
        : { text: s.sources[s.language], language: s.language };
    },
    setLimits(limits) {
      const patch: Partial<PageLimits> = { ...limits, fuel: undefined };
      delete patch.fuel;
      if (limits.fuel !== undefined) patch.fuel = limits.fuel === null ? null : BigInt(limits.fuel);
      playground.setLimits(patch);
    },
    setInput(input) {
      const { stdin, argv, env, deterministic } = input;
      playground.setIo({
        ...(stdin !== undefined ? { stdin: String(stdin) } : {}),
        ...(argv !== undefined ? { argv: argv.map(String) } : {}),
        ...(env !== undefined ? { env: env.map(([k, v]) => [String(k), String(v)]) } : {}),
        ...(deterministic !== undefined ? { deterministic: deterministic === true } : {}),
      });
    },
    getInput() {
      const io = store.get().io;
      return {
        ...io,
        argv: [...io.argv],
        env: io.env.map(([k, v]) => [k, v]),
        files: io.files.map((f) =>
          "text" in f ? { path: f.path, text: f.text } : { path: f.path, size: f.bytes.length },
        ),
      };
    },
    putFile: (path, content) =>
      playground.putFile(path, content instanceof ArrayBuffer ? new Uint8Array(content) : content),
    getLimits() {
      const l = store.get().limits;
      return { ...l, fuel: l.fuel === null ? null : l.fuel.toString() };
    },
    loadExample: (id) => playground.loadExample(id),
    loadWasm: (bytes, name = "module.wasm") =>
      playground.loadBinary(name, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)),
    run: (request) => playground.run(request),
    lastResult: () => store.get().result?.result ?? null,
    stop: () => playground.stop(),
    async compile() {
      await playground.compileNow();
      const s = store.get();
      return {
        ok: s.compileError === null,
        diagnostics: s.diagnostics,
        message: s.compileError ?? undefined,
      };
    },
  };
}

declare global {
  interface Window {
    playground?: PlaygroundApi;
  }
}
