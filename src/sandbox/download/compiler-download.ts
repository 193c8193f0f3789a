// The AssemblyScript compiler is one ~13.6 MB chunk of the toolchain worker's build, loaded on the
// first AssemblyScript compile. Before importing it, the worker fetches it with progress (so the
// module import that follows is served from the HTTP cache) and announces the progress on a
// BroadcastChannel, which the page shows as "Downloading the AssemblyScript compiler: N of M MB".
// The build writes compiler-manifest.json beside the worker (vite.config.ts, compilerManifest):
// where there is none (the dev server, Node) the compiler is imported without a progress line.
import { z } from "../zod";
import { readWithProgress, type DownloadProgress } from "./progress";

export const DOWNLOAD_CHANNEL = "wasm-sandbox-downloads";
export const COMPILER_MANIFEST_FILE = "compiler-manifest.json";

/** What the build says about the compiler's chunk: its file name beside the worker. */
const ManifestSchema = z.strictObject({
  assemblyscript: z.strictObject({
    file: z.string().regex(/^[\w.+-]+\.js$/),
    bytes: z.number().int().positive(),
  }),
});

/** One message on DOWNLOAD_CHANNEL. */
export const DownloadMessageSchema = z.strictObject({
  what: z.literal("assemblyscript"),
  source: z.enum(["download", "cache"]),
  loadedBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().positive().optional(),
});
export type DownloadMessage = z.infer<typeof DownloadMessageSchema>;

async function manifest(base: URL): Promise<z.infer<typeof ManifestSchema> | undefined> {
  const response = await fetch(new URL(COMPILER_MANIFEST_FILE, base));
  if (!response.ok) return undefined;
  const parsed = ManifestSchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Fetches the AssemblyScript compiler's chunk with progress ahead of its import. Never throws:
 * a missing manifest or a failed fetch leaves the import to load the chunk as it would anyway.
 */
export async function prefetchAssemblyScript(base: string): Promise<void> {
  if (typeof BroadcastChannel === "undefined" || !/^https?:/.test(base)) return;
  const channel = new BroadcastChannel(DOWNLOAD_CHANNEL);
  try {
    const found = await manifest(new URL(base));
    if (!found) return;
    const { file, bytes } = found.assemblyscript;
    const response = await fetch(new URL(file, base));
    if (!response.ok) return;
    const announce = (p: DownloadProgress) => {
      const message: DownloadMessage = {
        what: "assemblyscript",
        source: p.source,
        loadedBytes: p.loadedBytes,
        totalBytes: p.totalBytes ?? bytes,
      };
      channel.postMessage(message);
    };
    await readWithProgress(response, "download", announce);
  } catch {
    // The import below reports its own failure, if there is one.
  } finally {
    channel.close();
  }
}

/** Listens for the compiler's download progress (in the page); returns the unsubscribe. */
export function onCompilerDownload(listener: (p: DownloadProgress) => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(DOWNLOAD_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = DownloadMessageSchema.safeParse(event.data);
    if (parsed.success) {
      const { source, loadedBytes, totalBytes } = parsed.data;
      listener({ source, loadedBytes, totalBytes });
    }
  };
  return () => channel.close();
}
