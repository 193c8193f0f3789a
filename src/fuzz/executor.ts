// Runs modules in the executor worker (exec-worker.mjs) with a wall-clock bound: a module that
// does not finish is reported as a hang and the worker is replaced.
import { Worker } from "node:worker_threads";
import type { CallPlan, Observation } from "./observation";

export type ExecOutcome = { ok: true; observation: Observation } | { ok: false; reason: string };

export class Executor {
  private worker: Worker | undefined;
  private nextId = 1;

  constructor(private readonly timeoutMs = 15_000) {}

  private spawn(): Worker {
    this.worker ??= new Worker(new URL("./exec-worker.mjs", import.meta.url));
    return this.worker;
  }

  async run(bytes: Uint8Array, plan: CallPlan): Promise<ExecOutcome> {
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise<ExecOutcome>((resolve) => {
      const done = (outcome: ExecOutcome) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        resolve(outcome);
      };
      const onMessage = (m: { id: number; observation?: Observation; error?: string }) => {
        if (m.id !== id) return;
        done(
          m.observation
            ? { ok: true, observation: m.observation }
            : { ok: false, reason: `executor error: ${m.error}` },
        );
      };
      const onError = (e: Error) => {
        this.worker = undefined;
        done({ ok: false, reason: `executor died: ${e.message}` });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void worker.terminate();
        done({ ok: false, reason: `hang: no result in ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage({ id, bytes, plan });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
