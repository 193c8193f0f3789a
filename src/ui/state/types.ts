// The page's state: what the person wrote, the module it compiled to, limits, inputs, runs.
import type { CompileDiagnostic } from "../../sandbox/toolchain/api";
import type { ModuleInfo } from "../../sandbox/inspect/module-info";
import type { ExecutionResult } from "../../sandbox/types";
import type { ResultSummary } from "../../share";
import type { ConsoleLog } from "../console/console-lines";
import type { ClangBuildOptions } from "../../sandbox/toolchain/clang/options";
import type { ClangProgressMessage } from "../../sandbox/toolchain/clang/clang-api";
import type { OptimizeLevel } from "../../sandbox/toolchain/optimize";

export type Language = "wat" | "assemblyscript" | "c" | "cpp" | "ruby";

export type Phase = "idle" | "loading" | "compiling" | "instrumenting" | "running";

export interface PageLimits {
  memoryMiB: number;
  /** Fuel budget; null = unlimited (still counted). */
  fuel: bigint | null;
  timeoutMs: number;
  outputKiB: number;
}

/** A binary the person opened: the module view shows its WAT (from the disassembly worker). */
export interface LoadedBinary {
  name: string;
  bytes: Uint8Array;
}

/** A CRuby module (a ruby.wasm reactor) the person dropped, to run Ruby on. */
export interface RubyRuntime {
  name: string;
  bytes: Uint8Array;
}

export interface CompiledModule {
  /** What it was compiled from: language + source, or "binary:<name>". */
  key: string;
  bytes: Uint8Array;
  info: ModuleInfo | null;
  compileMs: number;
  /** Function index → line in the source, from the compiler's source map (AssemblyScript). */
  functionLines?: Record<number, number>;
}

export type ConsoleStream = "stdout" | "stderr" | "info" | "error";

export type { ConsoleLine, ConsoleLog } from "../console/console-lines";

export interface RunRecord {
  id: number;
  /** Which module ran (CompiledModule.key). */
  moduleKey: string;
  /** The person pressed Stop during this run. */
  stopped?: boolean;
  /** Time the toolchain took to build the module from source (absent for a binary). */
  sourceCompileMs?: number;
  label: string;
  entry: string;
  args: string[];
  result: ExecutionResult;
  /** binaryen's optimisation of the module before this run, when one was chosen. */
  optimized?: OptimizedModule;
  /** The same run without instrumentation, when the person asked for the comparison. */
  unmetered?: ExecutionResult;
  /** The same run of the module as built (no binaryen), when the person asked for it. */
  withoutOptimize?: ExecutionResult;
  /** The files the run was given (to tell which ones it created or changed). */
  inputFiles?: GuestFileEntry[];
  at: number;
}

export interface OptimizedModule {
  level: OptimizeLevel;
  beforeBytes: number;
  afterBytes: number;
  optimizeMs: number;
}

export interface Notice {
  id: number;
  tone: "error" | "info" | "warning";
  text: string;
  /** One button the notice offers (e.g. "Restore previous draft"). */
  action?: { label: string; run(): void };
}

export type PanelTab = "result" | "profile" | "files" | "limits" | "imports" | "module" | "history";

export interface PlaygroundState {
  language: Language;
  /** One source per language, so switching back and forth loses nothing. */
  sources: Record<Language, string>;
  binary: LoadedBinary | null;
  /** C and C++ build options (-O level, extra flags, exceptions); carried by share links. */
  clangOptions: ClangBuildOptions;
  /** The CRuby module Ruby runs on: one the person dropped, or null for the bundled one. */
  rubyRuntime: RubyRuntime | null;
  /** binaryen's optimizer before instrumentation, for every module ("none": off); carried by links. */
  optimize: OptimizeLevel;
  compiled: CompiledModule | null;
  diagnostics: CompileDiagnostic[];
  compileError: string | null;
  limits: PageLimits;
  /** The allow-list ("module.name" or "module.*"), as an example or the defaults set it. */
  allowList: string[];
  /** Per-import decision ("module.name" → allowed) that overrides the allow-list. */
  importPolicy: Record<string, boolean>;
  /** Imports given a stub that traps with a named error when called. */
  stubs: string[];
  /** Imports bound to a no-op, a constant or a WAT host function (imports/bindings.ts). */
  bindings: PageBinding[];
  entry: string;
  /**
   * Argument text per entry, as typed. A Map: export names are the guest's strings, and one
   * named "toString" or "__proto__" must not find Object.prototype's members.
   */
  args: ReadonlyMap<string, readonly string[]>;
  compareUnmetered: boolean;
  /** With binaryen on, runs also run the module as built, for the dashboard's comparison. */
  compareOptimize: boolean;
  /** Runs record an exact fuel profile (a build of their own; the fuel count is the same). */
  profileRuns: boolean;
  /** WASI inputs (stdin, argv, environment, files) and determinism, carried by share links. */
  io: GuestIo;
  phase: Phase;
  /** What the phase is doing, in words, when there is more to say (e.g. "Downloading CRuby…"). */
  phaseDetail: string | null;
  runId: number;
  running: boolean;
  result: RunRecord | null;
  history: RunRecord[];
  /** The console's bounded tail (the full output of a run is in its result). */
  console: ConsoleLog;
  notices: Notice[];
  tab: PanelTab;
  /** Source lines the editor is asked to show (a click on a profiled function). */
  reveal: EditorReveal | null;
  exampleId: string | null;
  toolchainReady: boolean;
  /** What the C/C++ compiler is doing while a C or C++ compile is under way (the progress bar). */
  clangProgress: ClangProgressMessage | null;
  /**
   * Code that came from outside (a link, a file, a saved draft) is not compiled until the person
   * clicks Compile or Run: edits do not compile it on their own meanwhile.
   */
  compileHeld: boolean;
  /** What the sharer's run gave, when the page was opened from a link that carried it. */
  sharedResult: SharedResultCheck | null;
  /** Limits and permissions set by a link, a file or a draft opened from one, not yet confirmed. */
  limitReview: LimitReview | null;
}

export interface EditorReveal {
  line: number;
  endLine: number;
  /** A new number per request, so asking for the same lines twice shows them twice. */
  nonce: number;
}

export interface LimitReview {
  from: "link" | "file" | "draft";
  /** Run was pressed: the page asks "Run with these limits" / "Use default limits". */
  asking: boolean;
}

/**
 * A function import bound by the person (exact module and name): a no-op, a constant as typed
 * ("7", "1, 2.5", "-3n"), or an export of a host module written in WAT (default: the name).
 */
export type PageBinding = { module: string; name: string } & (
  | { kind: "noop" }
  | { kind: "const"; value: string }
  | { kind: "wat"; source: string; export?: string }
);

/** A file put in the guest's in-memory file system: text when it is UTF-8, else bytes. */
export type GuestFileEntry = { path: string; text: string } | { path: string; bytes: Uint8Array };

export interface GuestIo {
  stdin: string;
  argv: string[];
  env: [string, string][];
  files: GuestFileEntry[];
  /** Clocks and randomness fixed/seeded (true, the default) or real. */
  deterministic: boolean;
}

export interface SharedResultCheck {
  summary: ResultSummary;
  /** Filled after the person's own run: did it match the sharer's? */
  verdict: { runId: number; sameFuel: boolean | undefined; same: boolean } | null;
}
