// CRuby's download (or its read back from Cache Storage) off the page's main thread. Read on
// the page, the 30 MB body came in one task of 157-431 ms CPU (the data pipe drained at once,
// the cache's tee cloning every chunk), then the module was copied again into each run's post
// to the toolchain worker. Here it is read, stored and put in shared memory where the page is
// cross-origin isolated (posted to workers without a copy), else transferred.
import * as Comlink from "comlink";
import { fetchCached, type ProgressListener } from "./download";
import { toShared } from "../../sandbox/shared-bytes";

export interface AssetDownloadApi {
  fetch(
    url: string,
    cacheName: string,
    onProgress: ProgressListener,
  ): Promise<{ bytes: Uint8Array; fromCache: boolean }>;
  /** Resolves once every copy being written to Cache Storage is written (or given up). */
  settled(): Promise<void>;
}

const storing: Promise<void>[] = [];

const api: AssetDownloadApi = {
  async fetch(url, cacheName, onProgress) {
    const { bytes, fromCache, stored } = await fetchCached(url, cacheName, onProgress);
    storing.push(stored);
    const shared = toShared(bytes);
    return shared === bytes
      ? Comlink.transfer({ bytes, fromCache }, [bytes.buffer])
      : { bytes: shared, fromCache };
  },
  async settled() {
    await Promise.all(storing);
  },
};

Comlink.expose(api);
