// The main thread's handle on the shared toolchain worker: spawned lazily, every call bounded.
// A call past its bound (a compile-time bomb) or one that throws (a compiler abort can leave the
// worker unusable) terminates the worker, and so does a reply that fails its schema
// (toolchain-reply-schema.ts); the call returns a clear failure and the next call gets a fresh
// worker.
import type { InstrumentLimits, InstrumentOutcome } from "../instrument/abi";
import type { CompileOutcome, InspectOutcome, ToolchainApi } from "../toolchain/api";
import type { OptimizeLevel, OptimizeOutcome } from "../toolchain/optimize";
import type { BinaryenTextReply } from "../toolchain/binaryen-text";
import type { CallFailure } from "./worker-handle";
import { WorkerHandle } from "./worker-handle";
import type { WorkerLike } from "./worker-endpoint";
import { DEFAULT_ALLOWANCE_MS_PER_MIB, seconds, sizeAllowanceMs } from "./size-bound";
import { replyCheck, TOOLCHAIN_REPLIES, type ReplyCheck } from "./toolchain-reply-schema";

/** Extra time per MiB of input for the calls whose work is linear in it (instrument, inspect). */
export { DEFAULT_ALLOWANCE_MS_PER_MIB };

export const DEFAULT_TOOLCHAIN_TIMEOUT_MS = 20_000;
/**
 * Extra time for the first call of each kind in a fresh worker: it loads that compiler (the
 * AssemblyScript compiler and binaryen are ~30 MB of JavaScript), which is not the input's fault.
 */
export const DEFAULT_COLD_START_ALLOWANCE_MS = 60_000;

type Disassembly = Awaited<ReturnType<ToolchainApi["disassemble"]>>;

const checks = {
  compile: replyCheck(TOOLCHAIN_REPLIES.compile),
  inspect: replyCheck(TOOLCHAIN_REPLIES.inspect),
  disassemble: replyCheck(TOOLCHAIN_REPLIES.disassemble),
  binaryenText: replyCheck(TOOLCHAIN_REPLIES.binaryenText),
  optimize: replyCheck(TOOLCHAIN_REPLIES.optimize),
  instrument: replyCheck(TOOLCHAIN_REPLIES.instrument),
};

export class ToolchainHost implements ToolchainApi {
  private handle: WorkerHandle<ToolchainApi> | undefined;
  /** The kinds of call that have completed once in the current worker (their code is loaded). */
  private warm = new Set<string>();

  constructor(
    private readonly spawn: () => WorkerLike,
    /** Bound on every call; changeable at any time (sharedToolchain().callTimeoutMs = 60_000). */
    public callTimeoutMs = DEFAULT_TOOLCHAIN_TIMEOUT_MS,
    public coldStartAllowanceMs = DEFAULT_COLD_START_ALLOWANCE_MS,
    public allowanceMsPerMiB = DEFAULT_ALLOWANCE_MS_PER_MIB,
  ) {}

  /** The extra time a call whose work grows with the input gets for `bytes` of it. */
  private sizeAllowanceMs(bytes: Uint8Array): number {
    return sizeAllowanceMs(bytes.byteLength, this.allowanceMsPerMiB);
  }

  private async guarded<R>(
    invoke: (api: ToolchainApi) => Promise<R>,
    check: ReplyCheck<R>,
    onFailure: (message: string) => R,
    what: string,
    extraMs = 0,
  ): Promise<R> {
    if (!this.handle?.alive) {
      this.handle = new WorkerHandle<ToolchainApi>(this.spawn());
      this.warm = new Set();
    }
    const handle = this.handle;
    const cold = !this.warm.has(what);
    const bound = this.callTimeoutMs + (cold ? this.coldStartAllowanceMs : 0) + extraMs;
    const outcome = await handle.call((remote) => invoke(remote as unknown as ToolchainApi), bound);
    const reply = outcome.ok ? check(outcome.value) : outcome;
    if (reply.ok) {
      if (handle === this.handle) this.warm.add(what);
      return reply.value;
    }
    // A worker that sent a malformed reply is not trusted with the next call either.
    if (handle.alive) handle.terminate("replaced after a failed call");
    return onFailure(this.describe(reply, what, bound));
  }

  private describe(
    failure: CallFailure | { message: string },
    what: string,
    boundMs: number,
  ): string {
    if ("reason" in failure && failure.reason === "timeout") {
      return `${what} took longer than ${seconds(boundMs)}, so it was stopped (the module or source is too large or too complex)`;
    }
    return `${what} failed: ${failure.message}; the toolchain was restarted`;
  }

  compileWat(source: string): Promise<CompileOutcome> {
    return this.guarded(
      (api) => api.compileWat(source),
      checks.compile,
      compileFailure,
      "compiling the WAT",
    );
  }

  compileAssemblyScript(source: string): Promise<CompileOutcome> {
    return this.guarded(
      (api) => api.compileAssemblyScript(source),
      checks.compile,
      compileFailure,
      "compiling the AssemblyScript",
    );
  }

  disassemble(bytes: Uint8Array): Promise<Disassembly> {
    return this.guarded(
      (api) => api.disassemble(bytes),
      checks.disassemble,
      (message) => ({ ok: false, message }),
      "disassembling",
    );
  }

  /** Loads binaryen on first use, like optimize: the cold allowance covers that. */
  binaryenText(bytes: Uint8Array): Promise<BinaryenTextReply> {
    return this.guarded(
      (api) => api.binaryenText(bytes),
      checks.binaryenText,
      (message) => ({ ok: false, message: `binaryen: ${message}` }),
      "writing binaryen's text",
      this.sizeAllowanceMs(bytes),
    );
  }

  inspect(bytes: Uint8Array): Promise<InspectOutcome> {
    return this.guarded(
      (api) => api.inspect(bytes),
      checks.inspect,
      (message) => ({ ok: false, message }),
      "inspecting",
      this.sizeAllowanceMs(bytes),
    );
  }

  instrument(bytes: Uint8Array, limits: InstrumentLimits): Promise<InstrumentOutcome> {
    return this.guarded(
      (api) => api.instrument(bytes, limits),
      checks.instrument,
      (message) => ({ ok: false, kind: "invalid_module", message: `invalid module: ${message}` }),
      "instrumenting the module",
      this.sizeAllowanceMs(bytes),
    );
  }

  /** A binaryen abort throws and may leave binaryen unusable: the worker is replaced then. */
  optimize(bytes: Uint8Array, level: OptimizeLevel): Promise<OptimizeOutcome> {
    return this.guarded(
      (api) => api.optimize(bytes, level),
      checks.optimize,
      (message) => ({ ok: false, message: `binaryen: ${message}` }),
      "optimising with binaryen",
    );
  }

  /** Ends the worker; the next call spawns a new one. */
  dispose(): void {
    this.handle?.terminate("disposed");
    this.handle = undefined;
  }
}

function compileFailure(message: string): CompileOutcome {
  return { ok: false, diagnostics: [{ message, severity: "error" }], message };
}
