// One worker, owned: every call is raced against our own timer and against the worker's death
// (a terminated worker leaves Comlink promises pending forever), and a handle that timed out,
// crashed or was stopped is terminated and never used again.
import type * as Comlink from "comlink";
import type { WorkerLike } from "./worker-endpoint";
import { connectWorker } from "./worker-endpoint";

export type CallFailure = { ok: false; reason: "timeout" | "crash" | "aborted"; message: string };
export type CallOutcome<R> = { ok: true; value: R } | CallFailure;

export class WorkerHandle<T> {
  readonly remote: Comlink.Remote<T>;
  /** Resolves once the worker's death would be noticed (see connectWorker). */
  readonly watched: Promise<void>;
  private readonly port: MessagePort;
  private deathMessage: string | undefined;
  private readonly deathWaiters = new Set<(message: string) => void>();

  constructor(private readonly worker: WorkerLike) {
    const { remote, port, watched } = connectWorker<T>(worker, () =>
      this.die("the worker died unexpectedly"),
    );
    this.remote = remote;
    this.port = port;
    this.watched = watched;
    // Node: an idle port must not keep the process alive (a call in flight does, by its timer).
    (port as MessagePort & { unref?: () => void }).unref?.();
    // An uncaught error need not end a worker; we end it, since its state is now unknown.
    worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      const detail = (event as ErrorEvent).message;
      this.terminate(
        `the worker failed${detail ? `: ${detail}` : " (it could not load or threw at top level)"}`,
      );
    });
    worker.addEventListener("messageerror", () =>
      this.terminate("a message from the worker could not be read"),
    );
    // Where MessagePort "close" exists (Node; not yet Chromium), it reports a death too.
    port.addEventListener("close", () => this.die("the worker died unexpectedly"));
  }

  get alive(): boolean {
    return this.deathMessage === undefined;
  }

  /** Ends the worker at once; pending calls settle through their own races. */
  terminate(message = "the worker was terminated"): void {
    this.worker.terminate();
    this.die(message);
  }

  private die(message: string): void {
    if (this.deathMessage !== undefined) return;
    this.deathMessage = message;
    this.port.close(); // nothing more will come; lets the channel and Comlink's proxies go
    for (const waiter of this.deathWaiters) waiter(message);
    this.deathWaiters.clear();
  }

  /**
   * Calls into the worker. Past `timeoutMs`, or when `signal` aborts, the worker is terminated
   * and the call fails; a rejected call (the worker threw) fails as a crash, worker left alive.
   */
  call<R>(
    invoke: (remote: Comlink.Remote<T>) => Promise<R>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<CallOutcome<R>> {
    if (this.deathMessage !== undefined) {
      return Promise.resolve({ ok: false, reason: "crash", message: this.deathMessage });
    }
    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: CallOutcome<R>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.deathWaiters.delete(onDeath);
        resolve(outcome);
      };
      const onDeath = (message: string) => settle({ ok: false, reason: "crash", message });
      const onAbort = () => {
        settle({ ok: false, reason: "aborted", message: "stopped by the user" });
        this.terminate("stopped by the user");
      };
      const timer = setTimeout(() => {
        settle({ ok: false, reason: "timeout", message: `no answer within ${timeoutMs} ms` });
        this.terminate("timed out");
      }, timeoutMs);
      this.deathWaiters.add(onDeath);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort);
      invoke(this.remote).then(
        (value) => settle({ ok: true, value }),
        (error: unknown) =>
          settle({
            ok: false,
            reason: "crash",
            message: `the worker threw: ${error instanceof Error ? error.message : String(error)}`,
          }),
      );
    });
  }
}
