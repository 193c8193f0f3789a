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
  memory64?: boolean;
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
  functionCount: number;
  hasStart: boolean;
  sections: SectionInfo[];
  /** Post-MVP features the module uses, as V8/binaryen name them (e.g. "bulk-memory", "simd"). */
  features: string[];
  /** Function names from the "name" custom section, by function index (imports first). */
  functionNames?: Record<number, string>;
}
