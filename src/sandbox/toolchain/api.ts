// The toolchain worker's interface: everything that needs binaryen or a compiler runs behind it,
// in one long-lived worker, never on the main thread.
import type { InstrumentLimits, InstrumentOutcome } from "../instrument/abi";
import type { ModuleInfo } from "../inspect/module-info";
import type { OptimizeLevel, OptimizeOutcome } from "./optimize";
import type { BinaryenTextReply } from "./binaryen-text";

export interface CompileDiagnostic {
  message: string;
  /** 1-based line and column in the source, where known. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity: "error" | "warning";
}

export type CompileOutcome =
  | {
      ok: true;
      bytes: Uint8Array;
      diagnostics: CompileDiagnostic[];
      compileMs: number;
      /** What inspect() reads of `bytes`; null when it cannot read them (the page shows no exports). */
      info: ModuleInfo | null;
      /** Function index → 1-based line in the source, where a source map tells (AssemblyScript). */
      functionLines?: Record<number, number>;
    }
  | { ok: false; diagnostics: CompileDiagnostic[]; message: string };

export type InspectOutcome = { ok: true; info: ModuleInfo } | { ok: false; message: string };

export interface ToolchainApi {
  compileWat(source: string): Promise<CompileOutcome>;
  compileAssemblyScript(source: string): Promise<CompileOutcome>;
  /** Text-format disassembly of a binary, for a read-only view. */
  disassemble(
    bytes: Uint8Array,
  ): Promise<{ ok: true; text: string } | { ok: false; message: string }>;
  /**
   * binaryen's text of a module wabt cannot read (GC types), as UTF-8 transferred to the caller:
   * the WAT view's disassembly worker holds it, binaryen is loaded only here.
   */
  binaryenText(bytes: Uint8Array): Promise<BinaryenTextReply>;
  inspect(bytes: Uint8Array): Promise<InspectOutcome>;
  instrument(bytes: Uint8Array, limits: InstrumentLimits): Promise<InstrumentOutcome>;
  /** binaryen's optimizer (wasm-opt's -O levels), before instrumentation. */
  optimize(bytes: Uint8Array, level: OptimizeLevel): Promise<OptimizeOutcome>;
}
