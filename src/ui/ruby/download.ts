// Fetching a large static asset once: streamed with progress, kept in Cache Storage so a later
// visit reads it from disk. No Vite-only imports (unit-tested in Node, where `caches` is absent
// and only the streaming part runs).

export interface DownloadProgress {
  /** "download": bytes from the network; "cache": read back from Cache Storage. */
  source: "download" | "cache";
  loadedBytes: number;
  /** From Content-Length; undefined when the server does not say. */
  totalBytes: number | undefined;
}

export type ProgressListener = (progress: DownloadProgress) => void;

/** Progress is reported at most this often (per bytes), so a fast read does not flood React. */
const PROGRESS_STEP_BYTES = 256 * 1024;

/** The body of `response` as bytes, reading it in chunks and reporting progress. */
export async function readWithProgress(
  response: Response,
  source: DownloadProgress["source"],
  onProgress: ProgressListener,
): Promise<Uint8Array<ArrayBuffer>> {
  const header = Number(response.headers.get("content-length") ?? NaN);
  const totalBytes = Number.isSafeInteger(header) && header > 0 ? header : undefined;
  onProgress({ source, loadedBytes: 0, totalBytes });
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress({ source, loadedBytes: bytes.length, totalBytes });
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let reported = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    if (loaded - reported >= PROGRESS_STEP_BYTES) {
      reported = loaded;
      onProgress({ source, loadedBytes: loaded, totalBytes });
    }
  }
  if (totalBytes !== undefined && loaded !== totalBytes) {
    throw new Error(`the download was cut short: ${loaded} of ${totalBytes} bytes`);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  onProgress({ source, loadedBytes: loaded, totalBytes: loaded });
  return bytes;
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
): Promise<{ bytes: Uint8Array<ArrayBuffer>; fromCache: boolean }> {
  const cache = await openCache(cacheName);
  const stored = await cache?.match(url).catch(() => undefined);
  if (stored) {
    try {
      return { bytes: await readWithProgress(stored, "cache", onProgress), fromCache: true };
    } catch {
      // A damaged entry: fetch it again below.
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const bytes = await readWithProgress(response, "download", onProgress);
  if (cache) void store(cache, url, bytes);
  return { bytes, fromCache: false };
}

async function openCache(name: string): Promise<Cache | undefined> {
  if (typeof caches === "undefined") return undefined;
  // Cache Storage can be refused (private mode, storage off): then there is only the network.
  return caches.open(name).catch(() => undefined);
}

async function store(cache: Cache, url: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  try {
    const headers = { "content-type": "application/wasm", "content-length": String(bytes.length) };
    await cache.put(url, new Response(bytes, { headers }));
    for (const request of await cache.keys()) {
      if (request.url !== new URL(url, location.href).href) await cache.delete(request);
    }
  } catch {
    // Quota or storage refused: the next visit downloads again, nothing else is lost.
  }
}
