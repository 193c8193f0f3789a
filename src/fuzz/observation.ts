// What one execution of a module looks like from outside, as plain data (it crosses from the
// executor worker). Two observations of the original and the instrumented module must be equal.

export interface CallPlan {
  /** Exported functions to call, in export order, with their parameter types. */
  calls: { name: string; params: string[] }[];
}

export interface Observation {
  /** Host-call log, calls and their results or traps, in the order they happened. */
  events: string[];
  /** name → value of every exported global (the sandbox's own excluded). */
  globals: Record<string, string>;
  /** name → "pages:hash" of every exported memory. */
  memories: Record<string, string>;
  /** name → length and null/func pattern of every exported table. */
  tables: Record<string, string>;
  /** Instrumented side only: the budget ran out, so the comparison says nothing. */
  fuelExhausted?: boolean;
  /** Instrumented side only: a cap refused a grow the original might have got. */
  growRefused?: boolean;
  /** A stack overflow happened: frame sizes are not part of the contract, depth may differ. */
  stackOverflow: boolean;
}

/** Differences between the original's and the instrumented module's observations. */
export function differences(original: Observation, instrumented: Observation): string[] {
  const out: string[] = [];
  const n = Math.max(original.events.length, instrumented.events.length);
  for (let i = 0; i < n; i++) {
    if (original.events[i] !== instrumented.events[i]) {
      out.push(
        `event ${i}: original ${original.events[i]} / instrumented ${instrumented.events[i]}`,
      );
      break; // everything after the first divergence is noise
    }
  }
  for (const key of ["globals", "memories", "tables"] as const) {
    const names = new Set([...Object.keys(original[key]), ...Object.keys(instrumented[key])]);
    for (const name of names) {
      if (original[key][name] !== instrumented[key][name]) {
        out.push(
          `${key}.${name}: original ${original[key][name]} / instrumented ${instrumented[key][name]}`,
        );
      }
    }
  }
  return out;
}
