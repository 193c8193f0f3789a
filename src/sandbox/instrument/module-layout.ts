// Reads the parts of a module's binary the passes need: where each section is, the memory and
// table limits (imported and defined), how many params each function has, how many globals
// there are and which export names are taken. The input has passed WebAssembly.validate already;
// this parser still checks every bound and refuses what it does not understand.
import { MalformedError, Reader } from "../wasm/reader";
import { RefusedError } from "./bytes";
import { skipInstruction } from "./opcodes";
import { newInstr } from "../wasm/decode";
import { readTypeSection, skipValType, type TypeEntry } from "../wasm/types";

export const SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;

/** Position of each section id in the order the binary format requires (custom: anywhere). */
export const SECTION_RANK: Record<number, number> = {
  1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13,
}; // prettier-ignore

export interface Section {
  id: number;
  /** Offset of the section id byte. */
  start: number;
  /** Offset of the first content byte (after the size). */
  contentStart: number;
  end: number;
}

export interface LimitsAt {
  what: "memory" | "table";
  /** Index in the memory or table index space (imports first). */
  index: number;
  imported: boolean;
  flags: number;
  initial: bigint;
  max: bigint | undefined;
  /** Byte range of the limits encoding (flags, initial, max). */
  start: number;
  end: number;
}

export interface ModuleLayout {
  sections: Section[];
  /** The type section's entries, by type index. */
  types: TypeEntry[];
  /** Every type a plain function type (no recursion group, no subtype). */
  plainTypes: boolean;
  /** Param count of each type index (-1 for non-function types). */
  typeParams: number[];
  importedFuncs: number;
  importedGlobals: number;
  /** Type index of each defined function. */
  funcTypes: number[];
  definedGlobals: number;
  limits: LimitsAt[];
  exportNames: Set<string>;
  memoryCount: number;
  tableCount: number;
}

function readLimits(
  r: Reader,
  what: "memory" | "table",
  index: number,
  imported: boolean,
): LimitsAt {
  const start = r.pos;
  const flags = r.byte();
  // 0x04: a 64-bit memory (memory64) or table (table64), under the same caps.
  if (flags & ~0x07) {
    const feature = flags & 0x08 ? "custom page sizes" : `limits flags 0x${flags.toString(16)}`;
    throw new RefusedError("invalid_module", `the module uses ${feature}, which is not supported`);
  }
  const initial = r.u64();
  const max = flags & 0x01 ? r.u64() : undefined;
  return { what, index, imported, flags, initial, max, start, end: r.pos };
}

/** The import section: imported functions and globals counted, tables' and memories' limits. */
function readImports(s: Reader, layout: ModuleLayout): void {
  const count = s.u32();
  for (let i = 0; i < count; i++) {
    s.name();
    s.name();
    const kind = s.byte();
    if (kind === 0x00) {
      s.u32();
      layout.importedFuncs++;
    } else if (kind === 0x01) {
      skipValType(s);
      layout.limits.push(readLimits(s, "table", layout.tableCount++, true));
    } else if (kind === 0x02) {
      layout.limits.push(readLimits(s, "memory", layout.memoryCount++, true));
    } else if (kind === 0x03) {
      skipValType(s);
      s.byte();
      layout.importedGlobals++;
    } else if (kind === 0x04) {
      s.byte();
      s.u32();
    } else {
      throw new RefusedError(
        "invalid_module",
        `the module uses import kind 0x${kind.toString(16)}, which is not supported`,
      );
    }
  }
}

/** Parses the section list and the module-level facts the passes need. */
export function readLayout(bytes: Uint8Array): ModuleLayout {
  const r = new Reader(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const b of magic) {
    if (r.byte() !== b) throw new MalformedError("not a WebAssembly 1.0 binary module");
  }
  const layout: ModuleLayout = {
    sections: [],
    types: [],
    plainTypes: true,
    typeParams: [],
    importedFuncs: 0,
    importedGlobals: 0,
    funcTypes: [],
    definedGlobals: 0,
    limits: [],
    exportNames: new Set(),
    memoryCount: 0,
    tableCount: 0,
  };
  while (!r.done) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const contentStart = r.pos;
    r.skip(size);
    layout.sections.push({ id, start, contentStart, end: r.pos });
    const s = new Reader(bytes, contentStart, r.pos);
    switch (id) {
      case SECTION.type: {
        const { types, plain } = readTypeSection(s, (form) => {
          throw new RefusedError(
            "invalid_module",
            `the module declares a type of form 0x${form.toString(16)}, which the fuel pass does not support`,
          );
        });
        layout.types = types;
        layout.plainTypes = plain;
        layout.typeParams = types.map((t) => (t.form === "func" ? t.paramCount : -1));
        break;
      }
      case SECTION.import:
        readImports(s, layout);
        break;
      case SECTION.function: {
        const count = s.u32();
        for (let i = 0; i < count; i++) layout.funcTypes.push(s.u32());
        break;
      }
      case SECTION.table: {
        const count = s.u32();
        for (let i = 0; i < count; i++) {
          const withInit = s.peek() === 0x40;
          if (withInit) s.skip(2); // 0x40 0x00
          skipValType(s);
          layout.limits.push(readLimits(s, "table", layout.tableCount++, false));
          if (withInit) skipConstExpr(s);
        }
        break;
      }
      case SECTION.memory: {
        const count = s.u32();
        for (let i = 0; i < count; i++) {
          layout.limits.push(readLimits(s, "memory", layout.memoryCount++, false));
        }
        break;
      }
      case SECTION.global:
        layout.definedGlobals = s.u32();
        break;
      case SECTION.export: {
        const count = s.u32();
        for (let i = 0; i < count; i++) {
          layout.exportNames.add(s.name());
          s.byte();
          s.u32();
        }
        break;
      }
      default:
        break;
    }
  }
  return layout;
}

/** Skips a constant expression up to and including its final `end`. */
export function skipConstExpr(r: Reader): void {
  let depth = 0;
  const ins = newInstr();
  for (;;) {
    const kind = skipInstruction(r, ins);
    if (kind === "end") {
      if (depth === 0) return;
      depth--;
    } else if (kind === "block" || kind === "try" || kind === "loop" || kind === "if") depth++;
  }
}
