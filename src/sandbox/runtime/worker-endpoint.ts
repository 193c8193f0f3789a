// Both ends of the private channel between the main thread and a worker. Comlink runs over a
// MessagePort of our own, and the worker holds a Web Lock for as long as it lives: the main
// thread queues for the same lock, and is granted it the moment the worker dies for any
// reason (a Worker object itself never reports its death).
import * as Comlink from "comlink";

const CONNECT = "wasm-sandbox:connect";
/** The worker holds its life lock (or has no Web Locks): its death will be noticed. */
export const LOCKED = "wasm-sandbox:locked";

/**
 * The worker's ready message. `held`: it holds the life lock, so the main side may queue for
 * it. A worker without the lock (no Web Locks there, or a Node thread, whose death its "exit"
 * event reports) says false: queuing then would be granted at once and read as a death, which
 * is what Node 24, the first Node with navigator.locks, did to every runner.
 */
export interface LockedMessage {
  type: typeof LOCKED;
  held: boolean;
}

interface ConnectMessage {
  type: typeof CONNECT;
  port: MessagePort;
  lockName: string;
}

function isConnect(data: unknown): data is ConnectMessage {
  const message = data as Partial<ConnectMessage> | null;
  return (
    typeof message === "object" &&
    message !== null &&
    message.type === CONNECT &&
    message.port instanceof MessagePort &&
    typeof message.lockName === "string"
  );
}

/** Worker side: expose `api` on the port the main thread sends first, and hold the life lock. */
export function exposeOnConnect(api: object): void {
  const onMessage = (event: MessageEvent) => {
    if (!isConnect(event.data)) return;
    self.removeEventListener("message", onMessage);
    Comlink.expose(api, event.data.port);
    const locks = globalThis.navigator?.locks;
    if (!locks) {
      // No Web Locks here: nothing to wait for.
      self.postMessage({ type: LOCKED, held: false } satisfies LockedMessage);
      return;
    }
    void locks.request(event.data.lockName, () => {
      self.postMessage({ type: LOCKED, held: true } satisfies LockedMessage);
      return new Promise<never>(() => {}); // held until this worker ends
    });
  };
  self.addEventListener("message", onMessage);
}

/** What the lifecycle code needs of a worker: a Worker, or a fake in unit tests. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  addEventListener(
    type: "error" | "messageerror" | "message",
    listener: (event: Event) => void,
  ): void;
}

let nextLock = 0;

/**
 * Main side: open the channel and wrap its port with Comlink; `onDeath` is called once the
 * worker has taken its life lock and then dies (a worker that says it holds one: browsers).
 * `watched` resolves once the main thread is queued for that lock: a worker that dies after
 * it is reported as a crash, so guest code must not start before it (the pool waits for it).
 */
export function connectWorker<T>(
  worker: WorkerLike,
  onDeath: () => void,
): { remote: Comlink.Remote<T>; port: MessagePort; watched: Promise<void> } {
  const channel = new MessageChannel();
  const lockName = `wasm-sandbox-worker-${Date.now()}-${nextLock++}-${Math.random()}`;
  let markWatched!: () => void;
  const watched = new Promise<void>((resolve) => (markWatched = resolve));
  worker.addEventListener("message", (event) => {
    const data = (event as MessageEvent).data as Partial<LockedMessage> | null;
    if (data?.type !== LOCKED) return;
    // Queued behind the worker's own hold, so it is granted only when the worker is gone.
    if (data.held === true) void globalThis.navigator?.locks?.request(lockName, () => onDeath());
    markWatched();
  });
  worker.postMessage({ type: CONNECT, port: channel.port2, lockName } satisfies ConnectMessage, [
    channel.port2,
  ]);
  return { remote: Comlink.wrap<T>(channel.port1), port: channel.port1, watched };
}
