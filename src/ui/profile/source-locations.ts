// Where a profiled function is in the editor's source, and the gutter's heat: for WAT, the
// function's own text (found by name, else by index); for AssemblyScript, the line the
// compiler's source map gives. One place decides, for the reveal and for the heat alike.
import type { ProfileColumns } from "../../sandbox/types";
import type { Language } from "../state/types";
import { watFunctions } from "./wat-functions";
import { percentOf } from "./profile-view";

export interface SourceRange {
  line: number;
  endLine: number;
}

export interface SourceContext {
  language: Language;
  source: string;
  /** The editor still holds the text the profiled run was built from. */
  sameSource: boolean;
  /** The run's module was binaryen's rewrite: function indices are not the source's. */
  optimized: boolean;
  /** From the compiler's source map (AssemblyScript). */
  functionLines?: Record<number, number>;
}

export type Locator =
  | { ok: true; locate(index: number, name: string | undefined): SourceRange | undefined }
  | { ok: false; reason: string };

export function sourceLocator(context: SourceContext): Locator {
  if (!context.sameSource) {
    return { ok: false, reason: "The source has changed since this run: run it again." };
  }
  if (context.language === "wat") {
    const functions = watFunctions(context.source);
    const byName = new Map(functions.flatMap((f) => (f.name ? [[f.name, f] as const] : [])));
    return {
      ok: true,
      locate: (index, name) =>
        (name !== undefined ? byName.get(name) : undefined) ??
        (context.optimized ? undefined : functions[index]),
    };
  }
  if (context.language === "assemblyscript") {
    const lines = context.functionLines;
    if (!lines || context.optimized) {
      return {
        ok: false,
        reason: context.optimized
          ? "binaryen rewrote this run's module: its functions have no source lines."
          : "The compiler gave no source map for this build.",
      };
    }
    return {
      ok: true,
      locate: (index) => (lines[index] ? { line: lines[index], endLine: lines[index] } : undefined),
    };
  }
  return { ok: false, reason: "Only WAT and AssemblyScript sources show the profile's functions." };
}

export interface HeatMark extends SourceRange {
  /** 1 (a little of the run's fuel) to 5 (most of it). */
  level: number;
  label: string;
}

/** The share of the run's own fuel at which a function reaches each level (2 to 5). */
const LEVELS = [0.02, 0.1, 0.25, 0.5];

/** Gutter heat: each located function's lines, by the share of the run's fuel spent in it. */
export function profileHeat(
  columns: ProfileColumns,
  locate: (index: number, name: string | undefined) => SourceRange | undefined,
): HeatMark[] {
  const f = columns.functions;
  const whole = columns.total[0];
  const marks: HeatMark[] = [];
  for (let i = 0; i < f.index.length; i++) {
    if (f.self[i] <= 0 || whole <= 0) continue;
    const name = columns.names[f.index[i]];
    const range = locate(f.index[i], name);
    if (!range) continue;
    const share = f.self[i] / whole;
    const level = 1 + LEVELS.filter((at) => share >= at).length;
    const label = `${name ?? `function[${f.index[i]}]`}: ${percentOf(f.self[i], whole)} of the run's fuel in its own code`;
    marks.push({ ...range, level, label });
  }
  return marks;
}
