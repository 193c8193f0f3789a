// The runner worker's wire contract. Everything here crosses a worker boundary by structured
// clone: plain data only (bigint and Uint8Array are fine, classes and functions are not).
import type { ImportBinding } from "../bindings";
import type { ProfileColumns } from "../profile/columns";
import type { ExecuteOptions, ExecutionResult, PhaseTimings } from "../types";

/**
 * An import binding as the runner gets it: a "wat" binding names a module of `hostModules`
 * (compiled and instrumented by the sandbox) instead of carrying its source.
 */
export type WireBinding =
  | Exclude<ImportBinding, { kind: "wat" }>
  | { module: string; name: string; kind: "wat"; hostModule: number; export: string };

/** The guest's inputs, as execute() was given them (documented on ExecuteOptions). */
type GuestInputs = Pick<
  ExecuteOptions,
  | "entry"
  | "args"
  | "stdin"
  | "argv"
  | "env"
  | "files"
  | "programName"
  | "stubImports"
  | "driver"
  | "script"
  | "outputBlobs"
>;

export interface RunRequest extends GuestInputs {
  /** Echoed in the report, so a reply from a superseded run can be told apart. */
  runId: number;
  allowedImports: string[];
  /** The memory cap (whole 64 KiB pages), used for imported memories and messages. */
  memoryLimitBytes: number;
  /** The table cap (maxTableElements), for messages. */
  tableLimitElements?: number;
  /** The GC allocation cap (maxGcAllocationBytes), for messages. */
  gcLimitBytes?: number;
  /** The stack budget (maxStackBytes), for messages. */
  stackLimitBytes?: number;
  maxOutputBytes: number;
  /** The budget built into the module; undefined when unlimited or unmetered. */
  fuelLimit?: bigint;
  /** Whether the module carries the fuel exports (instrumented with the fuel pass). */
  metered: boolean;
  deterministic: boolean;
  importBindings?: WireBinding[];
  /** Instrumented WAT host modules, instantiated by the runner for "wat" bindings. */
  hostModules?: Uint8Array[];
  /** The module is a profiled build (instrument's `profile`): record its fuel profile. */
  profile?: boolean;
}

export type RunPhase = "compiling" | "instantiating" | "running";

/** What a run streams back. "done" comes last, on the same channel, so no output overtakes it. */
export type RunnerEvent =
  | { type: "output"; stream: "stdout" | "stderr"; text: string }
  | { type: "phase"; phase: RunPhase; compileMs?: number; instantiateMs?: number }
  | { type: "done"; report: RunReport };

/** The runner's part of an ExecutionResult (the sandbox adds limits, sizes and instrumentMs). */
export interface RunReport extends Pick<
  ExecutionResult,
  | "success"
  | "value"
  | "output"
  | "stderr"
  | "outputBlob"
  | "stderrBlob"
  | "error"
  | "errorKind"
  | "exitCode"
  | "executionTimeMs"
  | "fuelConsumed"
  | "memoryUsedBytes"
  | "gcAllocatedBytes"
  | "files"
  | "fileLinks"
> {
  runId: number;
  timings: Omit<PhaseTimings, "instrumentMs">;
  /**
   * For a failed run, where its error was raised: the guest function (index space) whose code
   * trapped, or "host" when a host function threw. Absent when the stack does not tell.
   * WasmSandbox uses it to know whether a lazy fuel count can lag (sandbox.ts, recount).
   */
  raisedIn?: number | "host";
  /**
   * The failure was the guest's own `unreachable` (abort(), a failed assert, a panic). The
   * fuel pass stores a lazily kept count before every `unreachable`, so its count is exact.
   */
  unreachable?: true;
  /** With RunRequest.profile, for a metered run: the call tree with fuel (profile/recorder.ts). */
  profile?: ProfileColumns;
}

/** What runner.worker.ts exposes through Comlink. */
export interface RunnerApi {
  /** Answers once the worker has loaded: the pool's readiness probe. */
  ping(): Promise<"ready">;
  /** Runs the guest; its report arrives as the final "done" event. */
  run(bytes: Uint8Array, request: RunRequest, onEvent: (event: RunnerEvent) => void): Promise<void>;
}
