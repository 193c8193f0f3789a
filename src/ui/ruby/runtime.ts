// CRuby for the page's Ruby: npm @ruby/3.4-wasm-wasi's ruby+stdlib.wasm (30.6 MB), emitted by
// Vite as a hashed asset of our own build (no CDN). This module is a lazy chunk: the page
// imports it only when Ruby first runs, so first paint and WAT/AssemblyScript never load it.
// The bytes are fetched (or read from Cache Storage) in a worker of their own, never on the
// page's main thread (download.worker.ts).
import * as Comlink from "comlink";
import rubyWasmUrl from "@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm?url";
import type { ProgressListener } from "./download";
import type { AssetDownloadApi } from "./download.worker";

/** The Cache Storage cache that keeps the module between visits. */
export const RUBY_CACHE_NAME = "wasm-sandbox-cruby";
export const BUNDLED_RUBY_NAME = "ruby+stdlib.wasm (CRuby 3.4)";

let loaded: Promise<Uint8Array> | null = null;
const listeners = new Set<ProgressListener>();

/**
 * The bundled CRuby module's bytes: fetched once per page (every caller shares the download),
 * in shared memory where the page is cross-origin isolated.
 */
export function loadBundledRuby(onProgress: ProgressListener): Promise<Uint8Array> {
  listeners.add(onProgress);
  if (!loaded) {
    const url = new URL(rubyWasmUrl, document.baseURI).href;
    loaded = fetchInWorker(url, (p) => listeners.forEach((l) => l(p)));
    // A failed download is tried again on the next run.
    loaded.catch(() => (loaded = null));
  }
  return loaded.finally(() => listeners.delete(onProgress));
}

/** One worker per download, ended once its copy for Cache Storage is written. */
async function fetchInWorker(url: string, onProgress: ProgressListener): Promise<Uint8Array> {
  const worker = new Worker(new URL("./download.worker.ts", import.meta.url), {
    type: "module",
    name: "wasm-playground-cruby-download",
  });
  // A worker that fails to load answers nothing: its error event ends the wait instead.
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener("error", () => reject(new Error("the download worker failed"))),
  );
  const remote = Comlink.wrap<AssetDownloadApi>(worker);
  try {
    const { bytes } = await Promise.race([
      remote.fetch(url, RUBY_CACHE_NAME, Comlink.proxy(onProgress)),
      failed,
    ]);
    void Promise.race([remote.settled(), failed])
      .catch(() => undefined)
      .finally(() => worker.terminate());
    return bytes;
  } catch (error) {
    worker.terminate();
    throw error;
  }
}
