// One lazily loaded binaryen.js (~15 MB of JavaScript, ~340 ms to load in Node), imported on
// first use by the optimiser (toolchain worker) and by the disassembler's fallback for modules
// wabt cannot read (disassembly worker), never before.
export type Binaryen = typeof import("binaryen").default;
let binaryen: Promise<Binaryen> | undefined;

export function loadBinaryen(): Promise<Binaryen> {
  binaryen ??= import("binaryen").then((m) => m.default);
  // A failed load must not stick: the next call tries again.
  binaryen.catch(() => (binaryen = undefined));
  return binaryen;
}

/**
 * Every feature V8 runs, but not CompactImports: binaries written with it fail to compile in
 * V8 ("unknown import kind 0x7e").
 */
export function v8Features(b: Binaryen): number {
  // Present at runtime in binaryen 132, missing from its typings.
  const compactImports = (b.Features as unknown as Record<string, number>).CompactImports ?? 0;
  return b.Features.All & ~compactImports;
}
