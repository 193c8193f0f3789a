// A worker_threads Worker seen as the WorkerLike the lifecycle code drives (worker-handle.ts).
// node:worker_threads is reached through process.getBuiltinModule, never a static import, so
// this file bundles harmlessly into a browser build, where it is never called.
import type { Worker as NodeWorker, ResourceLimits } from "node:worker_threads";
import type { WorkerLike } from "./worker-endpoint";

type WorkerThreads = typeof import("node:worker_threads");

/** Node's worker_threads module, or undefined outside Node (≥ 20.16 has getBuiltinModule). */
export function workerThreads(): WorkerThreads | undefined {
  const proc = globalThis.process as
    { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } } | undefined;
  if (!proc?.versions?.node || !proc.getBuiltinModule) return undefined;
  return proc.getBuiltinModule("node:worker_threads") as WorkerThreads;
}

export interface NodeWorkerOptions {
  /** V8 heap limits of the thread: a JS-heap bomb ends the thread, never the host process. */
  resourceLimits?: ResourceLimits;
  name: string;
}

/**
 * Spawns the worker script at `script` and adapts it: Node's "error" (an uncaught exception,
 * or the heap limit reached) and "exit" (the thread ended without being asked) both reach the
 * handle's "error" listeners, so a dying thread is a crash at once. The thread is unref'd: an
 * idle sandbox does not keep the process alive (a call in flight does, through its timer).
 */
export function spawnNodeWorker(script: URL, options: NodeWorkerOptions): WorkerLike {
  const threads = workerThreads();
  if (!threads) throw new Error("worker_threads is not available here");
  const worker: NodeWorker = new threads.Worker(script, {
    name: options.name,
    resourceLimits: options.resourceLimits,
  });
  worker.unref();
  let ended = false;
  return {
    postMessage: (message, transfer) => {
      // Node's MessagePort keeps the event loop alive; the end we keep is unref'd (see above).
      worker.postMessage(message, transfer as never);
    },
    terminate: () => {
      ended = true;
      void worker.terminate();
    },
    addEventListener: (type, listener) => {
      if (type === "message") {
        worker.on("message", (data: unknown) => listener(new MessageEvent("message", { data })));
      } else if (type === "error") {
        worker.on("error", (error: Error) => {
          ended = true;
          listener(errorEvent(describeError(error)));
        });
        worker.on("exit", (code: number) => {
          if (ended) return;
          ended = true;
          listener(errorEvent(`the thread exited with code ${code}`));
        });
      } else {
        worker.on("messageerror", () => listener(new Event("messageerror")));
      }
      worker.unref(); // a "message" listener refs the thread again
    },
  };
}

function describeError(error: Error): string {
  const code = (error as { code?: string }).code;
  if (code === "ERR_WORKER_OUT_OF_MEMORY") {
    return `it ran out of JavaScript heap (${error.message})`;
  }
  return error.message;
}

function errorEvent(message: string): Event {
  return Object.assign(new Event("error"), { message });
}
