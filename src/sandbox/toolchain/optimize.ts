// binaryen's optimizer (wasm-opt's passes through binaryen.js) for any module, before
// instrumentation: -O1 … -O4 for speed, -Os / -Oz for size. It runs in the toolchain worker;
// binaryen (~15 MB of JavaScript) is imported on the first optimisation, never before.
//
// binaryen is not a validator to trust on hostile input (see NOTES-binaryen): V8 validates the
// input first and the output after; an abort inside binaryen throws, and the toolchain host
// replaces the worker (an aborted instance may be unusable).
import { z } from "../zod";
import { loadBinaryen, v8Features } from "./binaryen-loader";

export const OPTIMIZE_LEVELS = ["none", "O1", "O2", "O3", "O4", "Os", "Oz"] as const;
export type OptimizeLevel = (typeof OPTIMIZE_LEVELS)[number];
export const OptimizeLevelSchema = z.enum(OPTIMIZE_LEVELS);

/** binaryen's optimise and shrink levels for each choice (as wasm-opt -O<n> / -Os / -Oz set them). */
const PASS_LEVELS: Record<Exclude<OptimizeLevel, "none">, { optimize: number; shrink: number }> = {
  O1: { optimize: 1, shrink: 0 },
  O2: { optimize: 2, shrink: 0 },
  O3: { optimize: 3, shrink: 0 },
  O4: { optimize: 4, shrink: 0 },
  Os: { optimize: 2, shrink: 1 },
  Oz: { optimize: 2, shrink: 2 },
};

export type OptimizeOutcome =
  { ok: true; bytes: Uint8Array; optimizeMs: number } | { ok: false; message: string };

export async function optimizeModule(
  bytes: Uint8Array,
  level: OptimizeLevel,
): Promise<OptimizeOutcome> {
  const parsed = OptimizeLevelSchema.safeParse(level);
  if (!parsed.success) return { ok: false, message: `Unknown optimisation level "${level}".` };
  const started = performance.now();
  if (parsed.data === "none") return { ok: true, bytes, optimizeMs: 0 };
  if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) {
    return { ok: false, message: "binaryen was not run: the module is not valid WebAssembly." };
  }
  const b = await loadBinaryen();
  const { optimize, shrink } = PASS_LEVELS[parsed.data];
  const module = b.readBinary(bytes);
  try {
    module.setFeatures(v8Features(b));
    if (!module.validate()) {
      return {
        ok: false,
        message: "binaryen cannot read this module (it does not validate in binaryen).",
      };
    }
    // Global settings of the binaryen instance: set for every call, as this worker is shared.
    b.setOptimizeLevel(optimize);
    b.setShrinkLevel(shrink);
    b.setDebugInfo(false);
    module.optimize();
    const out = module.emitBinary();
    if (!WebAssembly.validate(out as Uint8Array<ArrayBuffer>)) {
      return {
        ok: false,
        message: `binaryen -${parsed.data} wrote a module that does not validate.`,
      };
    }
    return { ok: true, bytes: out, optimizeMs: performance.now() - started };
  } finally {
    module.dispose();
  }
}
