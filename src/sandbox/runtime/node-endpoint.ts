// Worker side of the channel in a worker_threads thread (Node's version of exposeOnConnect in
// worker-endpoint.ts): expose `api` with Comlink on the port the main thread sends first. Node
// takes no Web Lock; the main side learns of the thread's death from its "exit" event instead.
import * as Comlink from "comlink";
import { parentPort } from "node:worker_threads";
import { LOCKED, type LockedMessage } from "./worker-endpoint";

export function exposeOnNodeConnect(api: object): void {
  const parent = parentPort;
  if (!parent) throw new Error("exposeOnNodeConnect runs in a worker thread only");
  const onMessage = (data: unknown) => {
    const port = (data as { port?: unknown } | null)?.port;
    if (!(port instanceof MessagePort)) return;
    parent.off("message", onMessage);
    Comlink.expose(api, port);
    // Holds no lock even where Node has Web Locks (24+): the main side watches "exit" instead.
    parent.postMessage({ type: LOCKED, held: false } satisfies LockedMessage);
  };
  parent.on("message", onMessage);
}
