// The profile as the runner sends it: the call tree as columns (node 0 is a root standing for
// "outside any function"), checked before the main thread builds the FuelProfile from it.
import { z } from "../zod";

export interface ProfileColumns {
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

const countsOk = (a: Float64Array) => a.every((v) => Number.isSafeInteger(v) && v >= 0);

export const profileColumnsSchema = z
  .object({
    func: z.instanceof(Int32Array),
    parent: z.instanceof(Int32Array),
    calls: z.instanceof(Float64Array),
    self: z.instanceof(Float64Array),
    names: z.record(z.string(), z.string()),
    truncated: z.boolean(),
  })
  .refine(
    (c) =>
      c.func.length > 0 &&
      [c.parent, c.calls, c.self].every((col) => col.length === c.func.length) &&
      c.parent[0] === -1 &&
      c.parent.every((p, i) => i === 0 || (p >= 0 && p < i)) &&
      c.func.every((f, i) => (i === 0 ? f === -1 : f >= 0)) &&
      countsOk(c.calls) &&
      countsOk(c.self),
    { message: "the profile's call tree is malformed" },
  );
