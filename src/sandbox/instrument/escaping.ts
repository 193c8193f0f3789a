// Which functions can be entered other than by a direct `call` / `return_call` of the module's
// own code: the exported ones, the start function, and every function an element segment, a
// global or a table initialiser names (validation allows `ref.func x` in code only for those,
// so `call_indirect`, `call_ref` and the host can reach no other). The fuel pass lets the
// callers of the rest pay their entry charge (README.md, "entry paid by callers").
import { Reader } from "../wasm/reader";
import { SECTION, type ModuleLayout } from "./module-layout";
import { skipInstruction } from "./opcodes";
import { newInstr } from "../wasm/decode";
import { skipValType } from "../wasm/types";

/** Skips a constant expression, adding the targets of its ref.func to `out`. */
function scanExpr(r: Reader, out: Set<number>): void {
  let depth = 0;
  const ins = newInstr();
  for (;;) {
    const kind = skipInstruction(r, ins);
    if (ins.op === 0xd2) out.add(ins.a); // ref.func
    if (kind === "end") {
      if (depth === 0) return;
      depth--;
    } else if (kind === "block" || kind === "loop" || kind === "if" || kind === "try") depth++;
  }
}

/**
 * Indices (in the function index space) of the functions that may be entered from outside the
 * module's direct calls; undefined when a section could not be read (then: all of them).
 */
export function escapingFunctions(
  bytes: Uint8Array,
  layout: ModuleLayout,
): Set<number> | undefined {
  const out = new Set<number>();
  try {
    for (const s of layout.sections) {
      const r = new Reader(bytes, s.contentStart, s.end);
      if (s.id === SECTION.export) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          r.name();
          const kind = r.byte();
          const index = r.u32();
          if (kind === 0x00) out.add(index);
        }
      } else if (s.id === SECTION.start) {
        out.add(r.u32());
      } else if (s.id === SECTION.global) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          skipValType(r);
          r.byte();
          scanExpr(r, out);
        }
      } else if (s.id === SECTION.table) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const withInit = r.peek() === 0x40;
          if (withInit) r.skip(2);
          skipValType(r);
          const flags = r.byte();
          r.u64();
          if (flags & 0x01) r.u64();
          if (withInit) scanExpr(r, out);
        }
      } else if (s.id === SECTION.element) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const flags = r.u32();
          if (flags > 7) return undefined;
          const active = (flags & 0x01) === 0;
          if (flags & 0x02 && active) r.u32(); // table index
          if (active) scanExpr(r, out); // offset
          const exprs = (flags & 0x04) !== 0;
          if (flags & 0x03) {
            if (exprs) skipValType(r);
            else r.byte(); // elemkind
          }
          const count = r.u32();
          for (let j = 0; j < count; j++) {
            if (exprs) scanExpr(r, out);
            else out.add(r.u32());
          }
        }
      }
    }
  } catch {
    return undefined;
  }
  return out;
}
