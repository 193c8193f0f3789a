// A module's bytes may be a view on a SharedArrayBuffer: the page keeps CRuby's 30 MB that way,
// so each run posts it to the toolchain worker without a copy (a structured clone of 30 MB cost
// the Run click's task 107-234 ms CPU on the main thread). Some APIs refuse shared memory
// (crypto.subtle.digest, TextDecoder in Chromium), so a worker takes its own copy on arrival.

/** `bytes` itself, or a private copy when it is a view on shared memory. */
export function unshared(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return isShared(bytes) ? bytes.slice() : (bytes as Uint8Array<ArrayBuffer>);
}

export function isShared(bytes: Uint8Array): boolean {
  return typeof SharedArrayBuffer === "function" && bytes.buffer instanceof SharedArrayBuffer;
}

/**
 * `bytes` moved to shared memory when this context may share it (cross-origin isolated), so it
 * can be posted to workers any number of times without a copy; else `bytes` unchanged.
 */
export function toShared(bytes: Uint8Array): Uint8Array {
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer !== "function") return bytes;
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}
