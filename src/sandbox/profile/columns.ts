// The profile as the runner sends it, in columns (typed arrays, cheap to send and to read):
// the call tree (node 0 is a root standing for "outside any function") with each node's total,
// and the per-function sums, all computed in the runner (build.ts's summarize). The main thread
// checks it before using it; ExecuteOptions.profile "columns" hands it over as it is.
import { z } from "../zod";

/** What the recorder gives at the end of a run: the call tree and each node's own counts. */
export interface CallTreeColumns {
  /** Function index of each node; -1 for node 0. */
  func: Int32Array;
  /** Each node's parent (lower than the node); -1 for node 0. */
  parent: Int32Array;
  calls: Float64Array;
  self: Float64Array;
  /** Names of the functions that appear (name section, else an export name). */
  names: Record<number, string>;
  truncated: boolean;
}

export interface ProfileColumns extends CallTreeColumns {
  /** Each node's self plus every descendant's. */
  total: Float64Array;
  /** Per function that ran, by index: calls, selfFuel, totalFuel (once per call path). */
  functions: { index: Int32Array; calls: Float64Array; self: Float64Array; total: Float64Array };
}

const countsOk = (a: Float64Array) => a.every((v) => Number.isSafeInteger(v) && v >= 0);
const f64 = z.instanceof(Float64Array);

export const profileColumnsSchema = z
  .object({
    func: z.instanceof(Int32Array),
    parent: z.instanceof(Int32Array),
    calls: f64,
    self: f64,
    total: f64,
    functions: z.object({ index: z.instanceof(Int32Array), calls: f64, self: f64, total: f64 }),
    names: z.record(z.string(), z.string()),
    truncated: z.boolean(),
  })
  .refine(
    (c) =>
      c.func.length > 0 &&
      [c.parent, c.calls, c.self, c.total].every((col) => col.length === c.func.length) &&
      c.parent[0] === -1 &&
      c.parent.every((p, i) => i === 0 || (p >= 0 && p < i)) &&
      c.func.every((f, i) => (i === 0 ? f === -1 : f >= 0)) &&
      [c.calls, c.self, c.total].every(countsOk),
    { message: "the profile's call tree is malformed" },
  )
  .refine(
    ({ functions: f }) =>
      [f.calls, f.self, f.total].every((col) => col.length === f.index.length) &&
      f.index.every((i) => i >= 0) &&
      [f.calls, f.self, f.total].every(countsOk),
    { message: "the profile's function table is malformed" },
  );
