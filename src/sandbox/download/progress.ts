// Downloads with progress, one mechanism for every large thing the page fetches on first use:
// CRuby (the page, src/ui/ruby/) and the AssemblyScript compiler (the toolchain worker,
// compiler-download.ts). Pure streaming code: runs in the page, in workers and in Node.
import { formatByteProgress } from "../bytes";

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

/** The progress line: "Downloading the AssemblyScript compiler: 3.1 of 13.0 MiB". */
export function describeDownload(what: string, p: DownloadProgress, note = ""): string {
  const amount = formatByteProgress(p.loadedBytes, p.totalBytes);
  return p.source === "cache"
    ? `Reading ${what} from the browser cache: ${amount}`
    : `Downloading ${what}${note}: ${amount}`;
}
