import type { ImportBinding } from "./bindings";
import type { FuelProfile } from "./profile/types";
import type { ProfileColumns } from "./profile/columns";

export type { CallPathNode, FuelProfile, ProfiledFunction } from "./profile/types";
export type { ProfileColumns } from "./profile/columns";

// Shared contracts of the engine. DESIGN.md fixes them; values must not change without a
// note in the design, since results and error kinds cross workers and travel in share links.

/** The only error kinds a run can end with (DESIGN.md, "Error kinds"). */
export const ERROR_KINDS = [
  "timeout",
  "fuel_exhausted",
  "memory_limit",
  "stack_overflow",
  "trap",
  "invalid_module",
  "import_denied",
  "output_limit",
  "exit",
  "crash",
  "invalid_config",
  "compile_error",
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A value a wasm function can take or return. i64 is a bigint. */
export type WasmValue = number | bigint;

export interface PhaseTimings {
  compileMs: number;
  instrumentMs: number;
  instantiateMs: number;
  runMs: number;
}

export interface ExecutionResult {
  success: boolean;
  /** What the entry returned: a number, a bigint for i64, an array for multi-value, undefined for none. */
  value?: WasmValue | WasmValue[];
  /** What the guest wrote (with ExecuteOptions.outputBlobs: only the first 64 Ki characters). */
  output: string;
  stderr: string;
  /** With ExecuteOptions.outputBlobs: the whole stdout and stderr, UTF-8. */
  outputBlob?: Blob;
  stderrBlob?: Blob;
  error?: string;
  errorKind?: ErrorKind;
  /** WASI exit code, when the guest called proc_exit. */
  exitCode?: number;
  /** Wall time of the guest call itself (the entry, after instantiation). */
  executionTimeMs: number;
  /** Exact fuel used; deterministic for the same module, entry and input. Absent for unmetered runs. */
  fuelConsumed?: bigint;
  /** The fuel budget the run had (undefined: unlimited). */
  fuelLimit?: bigint;
  /** Peak linear memory size in bytes. */
  memoryUsedBytes: number;
  /** The memory cap the run had, in bytes (a multiple of 64 KiB). */
  memoryLimitBytes: number;
  /**
   * Bytes of GC objects (structs, arrays) the run allocated, by declared sizes: deterministic,
   * the same on every run. Only for a module that allocates GC objects. When the GC allocation
   * cap ended the run, the refused allocation is included (so it is above the cap).
   */
  gcAllocatedBytes?: number;
  /** The GC allocation cap the run had (maxGcAllocationBytes), beside gcAllocatedBytes. */
  gcAllocationLimitBytes?: number;
  timings: PhaseTimings;
  /** Module size before and after instrumentation. */
  moduleBytes?: { original: number; instrumented: number };
  /** Files the guest left in its in-memory file system (WASI), path → contents. */
  files?: Record<string, Uint8Array>;
  /**
   * The other names of those files (hard links, WASI path_link): "/name" → the path in `files`
   * holding its bytes. A file object is returned once however many names it has.
   */
  fileLinks?: Record<string, string>;
  /** Whether the run was metered (instrumented). */
  metered: boolean;
  /**
   * With ExecuteOptions.profile on a metered run: where the fuel went, per function and per
   * call path. The selfFuel of its functions adds up to fuelConsumed.
   */
  profile?: FuelProfile;
  /**
   * With ExecuteOptions.profile "columns": the same profile as typed arrays (call tree with each
   * path's total, per-function sums), summed in the runner: nothing to build where execute()
   * was called, which keeps a page's main thread free with a profile of a million call paths.
   */
  profileColumns?: ProfileColumns;
}

/** One in-memory file given to a WASI guest. */
export interface GuestFile {
  path: string;
  data: Uint8Array | string;
}

/**
 * Drivers for programs that are not called through one export: the runner links the imports
 * the program needs beyond WASI and drives its exports itself (runner/drivers/).
 * - "ruby-wasm": CRuby from the npm packages `@ruby/*-wasm-wasi` (a reactor): `script` (else
 *   stdin) is evaluated; `argv` are ruby's options and ARGV. Needs "wasi_snapshot_preview1.*".
 */
export const GUEST_DRIVERS = ["ruby-wasm"] as const;
export type GuestDriver = (typeof GUEST_DRIVERS)[number];

export interface ExecuteOptions {
  /** Export to call. Default: "main", else "_start", else the only exported function. */
  entry?: string;
  args?: WasmValue[];
  /** Text (or bytes) the guest reads from stdin (WASI fd 0). */
  stdin?: string | Uint8Array;
  /** WASI argv[1..]; argv[0] is the program name. */
  argv?: string[];
  env?: Record<string, string>;
  files?: GuestFile[];
  /** WASI argv[0], e.g. the module's file name. Default "main.wasm". */
  programName?: string;
  /**
   * Function imports ("module.name" or "module.*") that no host needs to provide: each is
   * linked to a stub that traps, naming the import, if it is ever called. Stubs grant nothing,
   * so they need no allowedImports entry; an allowed host function still wins over a stub.
   */
  stubImports?: string[];
  /**
   * How named imports are linked, one entry per import (exact module and name, any strings):
   * deny, host, trap, noop, const or wat (see ImportBinding in bindings.ts). A binding decides
   * its import before allowedImports and stubImports are consulted; it is a permission for
   * this run, so "host" needs no allowedImports entry.
   */
  importBindings?: ImportBinding[];
  /** Run the module through a driver instead of calling `entry` (see GUEST_DRIVERS). */
  driver?: GuestDriver;
  /** Source code for a driver that evaluates code ("ruby-wasm"); default: the stdin text. */
  script?: string;
  /** Run without instrumentation (still in a killable worker, with the timeout). */
  unmetered?: boolean;
  /**
   * Record an exact fuel profile (ExecutionResult.profile): the module is instrumented with
   * profile hooks of its own (slower; the fuel count is the same). Ignored when unmetered.
   * "columns": the profile as ExecutionResult.profileColumns instead (typed arrays).
   */
  profile?: boolean | "columns";
  /** Called with output as it streams from the guest (pieces of at most 1 Mi characters). */
  onOutput?: (stream: "stdout" | "stderr", text: string) => void;
  /**
   * Return the whole stdout and stderr as Blobs (result.outputBlob, result.stderrBlob), made in
   * the runner worker; result.output and result.stderr then keep only their first 64 Ki
   * characters. For a caller whose thread must never hold an output as long as the cap (a page).
   */
  outputBlobs?: boolean;
  /** Abort the run (terminates the worker at once). */
  signal?: AbortSignal;
}
