// Offers bytes made in the page as a download (an object URL, revoked once the click is done).
export function downloadBytes(name: string, bytes: Uint8Array, type: string): void {
  downloadBlob(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

/** Offers a Blob as a download; its bytes never pass through this thread. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
