import { afterEach, describe, expect, it, vi } from "vitest";
import { connectWorker, LOCKED, type WorkerLike } from "./worker-endpoint";

/** A worker that answers the connect message with its ready message, as `held` says. */
function readyWorker(held: boolean): WorkerLike {
  const listeners: ((event: Event) => void)[] = [];
  return {
    postMessage: () =>
      queueMicrotask(() => {
        for (const listener of listeners) {
          listener(new MessageEvent("message", { data: { type: LOCKED, held } }));
        }
      }),
    terminate: () => {},
    addEventListener: (type, listener) => {
      if (type === "message") listeners.push(listener);
    },
  };
}

describe("connectWorker where the main thread has Web Locks (browsers, Node 24+)", () => {
  // A lock nobody holds: a request is granted at once, as Node 24's is for a Node thread.
  const request = vi.fn((_name: string, granted: () => void) => Promise.resolve(granted()));
  afterEach(() => {
    vi.unstubAllGlobals();
    request.mockClear();
  });

  it("does not take a worker that holds no lock for dead", async () => {
    vi.stubGlobal("navigator", { locks: { request } });
    const onDeath = vi.fn();
    const { watched, port } = connectWorker(readyWorker(false), onDeath);
    await watched;
    await Promise.resolve();
    expect(request).not.toHaveBeenCalled();
    expect(onDeath).not.toHaveBeenCalled();
    port.close();
  });

  it("queues for the life lock of a worker that holds it, and reports its death", async () => {
    vi.stubGlobal("navigator", { locks: { request } });
    const onDeath = vi.fn();
    const { watched, port } = connectWorker(readyWorker(true), onDeath);
    await watched;
    expect(request).toHaveBeenCalledTimes(1);
    expect(onDeath).toHaveBeenCalledTimes(1);
    port.close();
  });
});
