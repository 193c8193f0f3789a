// The types of threaded functions (README.md, "threaded counter"): each takes the fuel
// counter as one more i64 parameter, after its own, and returns it as one more i64 result; with
// a stack budget, also the budget's bytes left as an i32 parameter after the counter, so a call
// between threaded functions reads and writes no budget global (stack-budget.ts).
// The new function types are appended to the type section, so no existing index moves, and
// the function section names them. Their local names move up by one like their locals.
import { Reader, Writer, encodeU32 } from "../wasm/reader";
import type { ModuleLayout, Section } from "./module-layout";
import type { TypeEntry } from "../wasm/types";

/** V8's limits on the params and on the results of one function type, and on types. */
const MAX_PARAMS = 1000;
const MAX_RESULTS = 1000;
const MAX_TYPES = 1_000_000;

type Signature = Extract<TypeEntry, { form: "func" }>;

/**
 * The signature of each type index, or undefined when the type section is not a plain list of
 * function types (recursion groups and subtypes: a type appended there would need its own
 * place in the type hierarchy, so such modules are left unthreaded), or has so many types that
 * the twins could pass V8's limit.
 */
export function plainSignatures(layout: ModuleLayout): Signature[] | undefined {
  // Each type may gain one threaded twin.
  if (!layout.plainTypes || layout.types.length * 2 > MAX_TYPES) return undefined;
  return layout.types as Signature[];
}

/** The parameters a threaded function gains: the counter, and the stack budget's bytes left. */
export function threadedParams(budget: boolean): number {
  return budget ? 2 : 1;
}

/** Whether a function of this signature can take two more values and return one more. */
export function canThread(s: Signature): boolean {
  return s.paramCount + 2 <= MAX_PARAMS && s.resultCount < MAX_RESULTS;
}

/**
 * The type entries to append and the new function section content, for the defined functions
 * (index among defined functions) whose type gains the counter.
 */
export function threadedTypes(
  layout: ModuleLayout,
  signatures: readonly Signature[],
  threaded: (definedIndex: number) => boolean,
  budget: boolean,
): { types: number[][]; functionSection: Uint8Array } {
  const moved = new Map<number, number>();
  const types: number[][] = [];
  const fs = new Writer(layout.funcTypes.length * 2 + 8);
  fs.u32(layout.funcTypes.length);
  layout.funcTypes.forEach((type, i) => {
    if (!threaded(i)) {
      fs.u32(type);
      return;
    }
    let to = moved.get(type);
    if (to === undefined) {
      const s = signatures[type];
      to = signatures.length + types.length;
      moved.set(type, to);
      const added = budget ? [0x7e, 0x7f] : [0x7e]; // threadedParams
      types.push([
        0x60,
        ...encodeU32(s.paramCount + added.length), ...s.params, ...added,
        ...encodeU32(s.resultCount + 1), ...s.results, 0x7e,
      ]); // prettier-ignore
    }
    fs.u32(to);
  });
  return { types, functionSection: fs.result() };
}

/**
 * The content of a "name" custom section with the local names of threaded functions moved up
 * by `by` past their params (as local-shift.ts moves the locals), or undefined when it has no
 * local names to move or cannot be read (it is then kept as it was: names only help a debugger).
 */
export function shiftedLocalNames(
  bytes: Uint8Array,
  section: Section,
  paramsOfThreaded: ReadonlyMap<number, number>,
  by: number,
): Uint8Array | undefined {
  try {
    const r = new Reader(bytes, section.contentStart, section.end);
    if (r.name() !== "name") return undefined;
    const out = new Writer(section.end - section.contentStart + 64);
    out.push(bytes.subarray(section.contentStart, r.pos));
    let moved = false;
    while (!r.done) {
      const id = r.byte();
      const size = r.u32();
      const start = r.pos;
      r.skip(size);
      if (id !== 2) {
        out.push([id]);
        out.u32(size);
        out.push(bytes.subarray(start, r.pos));
        continue;
      }
      const s = new Reader(bytes, start, r.pos);
      const sub = new Writer(size + 64);
      const funcs = s.u32();
      sub.u32(funcs);
      for (let i = 0; i < funcs; i++) {
        const func = s.u32();
        const params = paramsOfThreaded.get(func);
        sub.u32(func);
        const names = s.u32();
        sub.u32(names);
        for (let j = 0; j < names; j++) {
          const local = s.u32();
          const nameStart = s.pos;
          s.skip(s.u32());
          sub.u32(params !== undefined && local >= params ? local + by : local);
          sub.push(bytes.subarray(nameStart, s.pos));
          if (params !== undefined && local >= params) moved = true;
        }
      }
      if (!s.done) return undefined;
      const content = sub.result();
      out.push([id]);
      out.u32(content.length);
      out.push(content);
    }
    return moved ? out.result() : undefined;
  } catch {
    return undefined;
  }
}
