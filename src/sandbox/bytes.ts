// Byte counts as people read them, in one convention: binary units under their binary names, as
// the limits are set (64 MiB of memory, 1 MiB of output). A size said in a message, a progress
// line and the dashboard is then the same figure in the same unit.

export const KiB = 1024;
export const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** "512 B", "3.4 KiB", "120 KiB", "29.2 MiB", "1.50 GiB". */
export function formatBytes(bytes: number): string {
  if (bytes < KiB) return `${bytes} B`;
  if (bytes < MiB) return `${(bytes / KiB).toFixed(bytes < 10 * KiB ? 1 : 0)} KiB`;
  if (bytes < GiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  return `${(bytes / GiB).toFixed(2)} GiB`;
}

/** A transfer's progress in one unit, so the two figures compare: "12.3 of 100.3 MiB", "0.4 MiB". */
export function formatByteProgress(doneBytes: number, totalBytes?: number): string {
  const of = totalBytes !== undefined ? ` of ${(totalBytes / MiB).toFixed(1)}` : "";
  return `${(doneBytes / MiB).toFixed(1)}${of} MiB`;
}
