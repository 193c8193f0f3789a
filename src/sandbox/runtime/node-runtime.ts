// The SandboxRuntime on Node: the runner and the instrumentation each in a worker_threads
// thread, driven by the same lifecycle code as the browser's Web Workers (runner-pool.ts,
// toolchain-host.ts): terminated at the time limit and replaced warm, a dead thread a crash.
import type { ResourceLimits } from "node:worker_threads";
import type { SandboxRuntime } from "../sandbox";
import type { ToolchainApi } from "../toolchain/api";
import { spawnNodeWorker, workerThreads } from "./node-worker";
import { RunnerPool } from "./runner-pool";
import { ToolchainHost } from "./toolchain-host";

/** The built worker scripts (package build: vite.lib.config.ts), beside the library's own files. */
export const NODE_WORKER_FILES = {
  runner: "runner.node-worker.js",
  instrument: "instrument.node-worker.js",
} as const;

export const DEFAULT_RUNNER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512 };
const INSTRUMENT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 2048 };

export interface NodeRuntimeOptions {
  /**
   * The directory holding the built worker scripts; default: the directory of this file in the
   * package. Running from the repository's sources, pass `dist-lib/node/` after `npm run build:lib`.
   */
  workerDir?: URL;
  /** V8 heap limits of each runner thread (default 512 MB old generation). */
  runnerResourceLimits?: ResourceLimits;
}

export function createNodeRuntime(
  options: NodeRuntimeOptions = {},
): SandboxRuntime & { toolchain: ToolchainHost } {
  // Written so that no bundler takes it for an asset reference to resolve at build time.
  const base = options.workerDir ?? new URL(".", import.meta.url);
  const script = (file: string): URL => {
    const url = new URL(file, base);
    const fs = (globalThis.process?.getBuiltinModule?.("node:fs") ?? undefined) as
      typeof import("node:fs") | undefined;
    if (fs && !fs.existsSync(url)) {
      throw new Error(
        `the sandbox's worker script ${file} is not in ${base.href}: build the library (npm run build:lib) or pass workerDir`,
      );
    }
    return url;
  };
  const toolchain = new ToolchainHost(() =>
    spawnNodeWorker(script(NODE_WORKER_FILES.instrument), {
      name: "wasm-sandbox-instrument",
      resourceLimits: INSTRUMENT_LIMITS,
    }),
  );
  const resourceLimits = options.runnerResourceLimits ?? DEFAULT_RUNNER_LIMITS;
  return {
    toolchain,
    instrument: (bytes, limits) => (toolchain as ToolchainApi).instrument(bytes, limits),
    createRunnerPool: () =>
      new RunnerPool(() =>
        spawnNodeWorker(script(NODE_WORKER_FILES.runner), {
          name: "wasm-sandbox-runner",
          resourceLimits,
        }),
      ),
  };
}

let shared: SandboxRuntime | undefined;

/** The default runtime where there is no Web Worker (Node): one instrumentation thread per process. */
export function sharedNodeRuntime(): SandboxRuntime {
  if (!workerThreads()) {
    throw new Error("no Worker and no worker_threads here: the sandbox cannot run guest code");
  }
  shared ??= createNodeRuntime();
  return shared;
}
