// A callback passed to a worker by Comlink, whose channel the caller owns: Comlink.proxy's
// port stays open (and, on Node, keeps the process alive) until the worker releases it, which
// a terminated worker never does. Imported by both ends (the handler is found by name).
import * as Comlink from "comlink";

export class OwnedCallback<F extends (...args: never[]) => unknown> {
  port: MessagePort | undefined;
  constructor(readonly fn: F) {}
  /** Closes the channel: nothing more is received. */
  close(): void {
    this.port?.close();
  }
}

Comlink.transferHandlers.set("owned-callback", {
  canHandle: (value): value is OwnedCallback<() => void> => value instanceof OwnedCallback,
  serialize(value: OwnedCallback<() => void>) {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(value.fn, port1);
    (port1 as MessagePort & { unref?: () => void }).unref?.();
    value.port = port1;
    return [port2, [port2]];
  },
  deserialize(port: MessagePort) {
    port.start();
    return Comlink.wrap(port);
  },
});
