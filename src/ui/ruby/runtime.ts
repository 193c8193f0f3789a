// CRuby for the page's Ruby: npm @ruby/3.4-wasm-wasi's ruby+stdlib.wasm (30.6 MB), emitted by
// Vite as a hashed asset of our own build (no CDN). This module is a lazy chunk: the page
// imports it only when Ruby first runs, so first paint and WAT/AssemblyScript never load it.
import rubyWasmUrl from "@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm?url";
import { fetchCached, type ProgressListener } from "./download";

/** The Cache Storage cache that keeps the module between visits. */
export const RUBY_CACHE_NAME = "wasm-sandbox-cruby";
export const BUNDLED_RUBY_NAME = "ruby+stdlib.wasm (CRuby 3.4)";

let loaded: Promise<Uint8Array<ArrayBuffer>> | null = null;
const listeners = new Set<ProgressListener>();

/** The bundled CRuby module's bytes: fetched once per page (every caller shares the download). */
export function loadBundledRuby(onProgress: ProgressListener): Promise<Uint8Array<ArrayBuffer>> {
  listeners.add(onProgress);
  if (!loaded) {
    const url = new URL(rubyWasmUrl, document.baseURI).href;
    loaded = fetchCached(url, RUBY_CACHE_NAME, (p) => listeners.forEach((l) => l(p))).then(
      ({ bytes }) => bytes,
    );
    // A failed download is tried again on the next run.
    loaded.catch(() => (loaded = null));
  }
  return loaded.finally(() => listeners.delete(onProgress));
}
