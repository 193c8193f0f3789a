// Names for the module downloads: after the file the person opened, else the example, else the
// editor's file ("main"); the instrumented module says so in its name.
import type { PlaygroundState } from "../state/types";

export type ModuleKind = "module" | "instrumented";

function baseName(s: Pick<PlaygroundState, "binary" | "exampleId">): string {
  if (s.binary) return s.binary.name.replace(/\.wasm$/i, "") || "module";
  return s.exampleId ?? "main";
}

export function moduleFileName(s: Pick<PlaygroundState, "binary" | "exampleId">, kind: ModuleKind) {
  // No path separators, reserved or control characters.
  const base = [...baseName(s)].map((c) => (/[\\/:*?"<>|]/.test(c) || c < " " ? "_" : c)).join("");
  return kind === "module" ? `${base}.wasm` : `${base}.instrumented.wasm`;
}

/** Hands bytes to the browser as a download. */
export function saveBytes(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: "application/wasm" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has its own reference by now; the URL is not needed past this task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
