// Worker side of the channel in a worker_threads thread (Node's version of exposeOnConnect in
// worker-endpoint.ts): expose `api` with Comlink on the port the main thread sends first. Node
// has no Web Locks; the main side learns of the thread's death from its "exit" event instead.
import * as Comlink from "comlink";
import { parentPort } from "node:worker_threads";
import { LOCKED } from "./worker-endpoint";

export function exposeOnNodeConnect(api: object): void {
  const parent = parentPort;
  if (!parent) throw new Error("exposeOnNodeConnect runs in a worker thread only");
  const onMessage = (data: unknown) => {
    const port = (data as { port?: unknown } | null)?.port;
    if (!(port instanceof MessagePort)) return;
    parent.off("message", onMessage);
    Comlink.expose(api, port);
    parent.postMessage({ type: LOCKED });
  };
  parent.on("message", onMessage);
}
