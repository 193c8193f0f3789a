// Test double for a Worker (Node): exposes an API over the connect port with Comlink, in this
// thread. terminate() closes the port like a dead worker would; fail() fires "error".
import * as Comlink from "comlink";
import { LOCKED, type WorkerLike } from "./worker-endpoint";

export class FakeWorker implements WorkerLike {
  terminated = false;
  private port: MessagePort | undefined;
  private readonly errorListeners: ((event: Event) => void)[] = [];
  private readonly messageListeners: ((event: Event) => void)[] = [];

  constructor(private readonly api: object) {}

  postMessage(message: unknown): void {
    this.port = (message as { port: MessagePort }).port;
    Comlink.expose(this.api, this.port);
    // Like a real worker without Web Locks: it says at once that it is ready to be watched.
    queueMicrotask(() => {
      for (const listener of this.messageListeners) {
        listener(new MessageEvent("message", { data: { type: LOCKED, held: false } }));
      }
    });
  }

  terminate(): void {
    this.terminated = true;
    this.port?.close();
  }

  addEventListener(
    type: "error" | "messageerror" | "message",
    listener: (event: Event) => void,
  ): void {
    if (type === "error") this.errorListeners.push(listener);
    if (type === "message") this.messageListeners.push(listener);
  }

  fail(message: string): void {
    for (const listener of this.errorListeners)
      listener(Object.assign(new Event("error"), { message }));
  }
}
