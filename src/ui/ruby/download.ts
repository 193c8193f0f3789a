// Fetching a large static asset once: streamed with progress (the engine's one download
// mechanism), kept in Cache Storage so a later visit reads it from disk.
import {
  readWithProgress,
  type DownloadProgress,
  type ProgressListener,
} from "../../sandbox/download/progress";

export type { DownloadProgress, ProgressListener };

export interface CachedAsset {
  bytes: Uint8Array<ArrayBuffer>;
  fromCache: boolean;
  /** Settles once the copy for Cache Storage is written (or given up): end the worker after. */
  stored: Promise<void>;
}

/**
 * The asset at `url`, from Cache Storage when it is there, else from the network (then stored,
 * and other versions of it in the same cache deleted). `url` should name its version (Vite's
 * hashed file name), since a stored copy is never revalidated.
 */
export async function fetchCached(
  url: string,
  cacheName: string,
  onProgress: ProgressListener,
): Promise<CachedAsset> {
  const cache = await openCache(cacheName);
  const stored = await cache?.match(url).catch(() => undefined);
  if (stored) {
    try {
      const bytes = await readWithProgress(stored, "cache", onProgress);
      return { bytes, fromCache: true, stored: Promise.resolve() };
    } catch {
      // A damaged entry: fetch it again below.
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  // The cache gets the response's own body (a tee the browser streams into Cache Storage),
  // not a Response made from our 30 MB copy, which cost a long main-thread task to store.
  const forCache = cache ? response.clone() : undefined;
  const bytes = await readWithProgress(response, "download", onProgress);
  const storing = cache && forCache ? store(cache, url, forCache) : Promise.resolve();
  return { bytes, fromCache: false, stored: storing };
}

async function openCache(name: string): Promise<Cache | undefined> {
  if (typeof caches === "undefined") return undefined;
  // Cache Storage can be refused (private mode, storage off): then there is only the network.
  return caches.open(name).catch(() => undefined);
}

async function store(cache: Cache, url: string, response: Response): Promise<void> {
  try {
    await cache.put(url, response);
    for (const request of await cache.keys()) {
      if (request.url !== new URL(url, location.href).href) await cache.delete(request);
    }
  } catch {
    // Quota or storage refused: the next visit downloads again, nothing else is lost.
  }
}
