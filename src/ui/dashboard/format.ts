// Numbers as a person reads them.

export { formatBytes } from "../../sandbox/bytes";

export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

const SUFFIXES: [bigint, string][] = [
  [1_000_000_000_000n, "T"],
  [1_000_000_000n, "G"],
  [1_000_000n, "M"],
  [1_000n, "k"],
];

export function formatCount(n: bigint | number): string {
  const value = typeof n === "bigint" ? n : BigInt(Math.round(n));
  for (const [scale, suffix] of SUFFIXES) {
    if (value >= scale) {
      const whole = Number((value * 100n) / scale) / 100;
      return `${whole.toFixed(whole < 10 ? 2 : whole < 100 ? 1 : 0)}${suffix}`;
    }
  }
  return value.toString();
}

export function ratio(part: bigint | number, whole: bigint | number): number {
  const p = Number(part);
  const w = Number(whole);
  if (!Number.isFinite(p) || !Number.isFinite(w) || w <= 0) return 0;
  return Math.min(1, Math.max(0, p / w));
}
