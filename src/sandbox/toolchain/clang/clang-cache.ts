// The compiler's files (~105 MB) are kept in Cache Storage, so a second visit reads them back
// instead of downloading them again. The cache's name carries the compiler's version: a new
// version starts a new cache and the old ones are deleted. Where Cache Storage is missing (Node,
// an insecure origin) every fetch goes to the network, as it would without this.

export const CLANG_CACHE_PREFIX = "wasm-sandbox-clang-";

/** Where each file came from, for the progress line ("Downloading" or "Reading from cache"). */
export interface FetchTally {
  fromNetwork: number;
  fromCache: number;
}

export function cachingFetch(version: () => Promise<string>, tally: FetchTally): typeof fetch {
  let opened: Promise<Cache | undefined> | undefined;
  const open = () =>
    (opened ??= (async () => {
      if (typeof caches === "undefined") return undefined;
      try {
        const name = `${CLANG_CACHE_PREFIX}${await version()}`;
        for (const key of await caches.keys()) {
          if (key.startsWith(CLANG_CACHE_PREFIX) && key !== name) await caches.delete(key);
        }
        return await caches.open(name);
      } catch {
        return undefined; // storage refused (private mode, quota): download as usual
      }
    })());
  const network = globalThis.fetch.bind(globalThis);
  return async (input, init) => {
    const request = new Request(input, init);
    // Files inlined in the bundle (data: URLs) are never downloaded, and Cache Storage holds
    // only http(s) requests: they pass through, uncounted.
    if (!/^https?:/.test(request.url)) return network(request);
    const cache = await open();
    const hit = await cache?.match(request).catch(() => undefined);
    if (hit) {
      tally.fromCache++;
      return hit;
    }
    tally.fromNetwork++;
    const response = await network(request);
    // Kept only when complete: put() stores nothing if the worker ends before the body is read.
    if (cache && response.ok) void cache.put(request, response.clone()).catch(() => undefined);
    return response;
  };
}
