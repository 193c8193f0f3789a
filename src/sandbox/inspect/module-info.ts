// ModuleInfo: what inspect() reports about a module, read straight from its binary.

export type ValType = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref" | string;

export interface FuncSignature {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  initial: number;
  maximum?: number;
  shared?: boolean;
  /** 64-bit addresses (a memory64 memory or a table64 table). */
  memory64?: boolean;
}

/** A struct field or an array's element: a value type or a packed "i8" / "i16". */
export interface FieldType {
  type: ValType;
  mutable: boolean;
}

export type CompositeType =
  | { kind: "func"; signature: FuncSignature }
  | { kind: "struct"; fields: FieldType[] }
  | { kind: "array"; element: FieldType };

/** One entry of the type section (3.0: rec groups, subtyping, struct and array types). */
export interface TypeInfo {
  /** The rec group it was declared in, numbered from 0; a type outside `rec` is a group alone. */
  recGroup: number;
  /** Declared with `sub final` or without `sub` (no subtype may name it). */
  final: boolean;
  /** Type indices it declares as supertypes. */
  supertypes: number[];
  composite: CompositeType;
}

export type ImportInfo =
  | { module: string; name: string; kind: "function"; signature: FuncSignature }
  | { module: string; name: string; kind: "memory"; limits: Limits }
  | { module: string; name: string; kind: "table"; elementType: ValType; limits: Limits }
  | { module: string; name: string; kind: "global"; type: ValType; mutable: boolean }
  | { module: string; name: string; kind: "tag"; signature: FuncSignature };

export type ExportInfo =
  | { name: string; kind: "function"; index: number; signature: FuncSignature }
  | { name: string; kind: "memory" | "table" | "global" | "tag"; index: number };

export interface SectionInfo {
  /** "type", "import", "function", …, or "custom:<name>". */
  name: string;
  id: number;
  offset: number;
  size: number;
}

export interface ModuleInfo {
  size: number;
  imports: ImportInfo[];
  exports: ExportInfo[];
  /** Memories defined by the module (imported ones are in `imports`). */
  memories: Limits[];
  tables: { elementType: ValType; limits: Limits }[];
  globals: { type: ValType; mutable: boolean }[];
  /** The type section, in index order: the first INSPECT_LIMITS.listedTypes of `typeCount`. */
  types: TypeInfo[];
  typeCount: number;
  /** Tags defined by the module (exception handling), by their signature. */
  tags: FuncSignature[];
  functionCount: number;
  hasStart: boolean;
  sections: SectionInfo[];
  /** Post-MVP features the module uses, as V8/binaryen name them (e.g. "bulk-memory", "simd"). */
  features: string[];
  /** Function names from the "name" custom section, by function index (imports first). */
  functionNames?: Record<number, string>;
}

/** A module of `size` bytes with nothing in it: where the inspector starts, and what tests fill. */
export function emptyModuleInfo(size: number): ModuleInfo {
  return {
    size,
    imports: [], exports: [], memories: [], tables: [], globals: [], sections: [], features: [],
    types: [], typeCount: 0, tags: [],
    functionCount: 0,
    hasStart: false,
  }; // prettier-ignore
}
