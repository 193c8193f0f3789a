// The one place deciding how much longer work on a big module may take. A bound fixed in seconds
// would refuse a big honest module (CRuby, 29 MiB, instruments in ~8 s on a quiet machine and
// several times that on a loaded one), while a bomb is work out of proportion to its size, which
// a size-scaled bound still stops. Used by the toolchain (instrument, inspect) and by the runner
// pool (how long a runner may take to start while such a module is on its way to it).
import { groupDigits } from "../digits";

/** Extra time per MiB of module. */
export const DEFAULT_ALLOWANCE_MS_PER_MIB = 2_000;

const MiB = 1024 * 1024;

/** The extra time work on `byteLength` bytes of module gets. */
export function sizeAllowanceMs(
  byteLength: number,
  allowanceMsPerMiB = DEFAULT_ALLOWANCE_MS_PER_MIB,
): number {
  return Math.round((byteLength / MiB) * allowanceMsPerMiB);
}

/** A bound in words, for messages ("73 s"). */
export function seconds(ms: number): string {
  return `${groupDigits(ms / 1000)} s`;
}
