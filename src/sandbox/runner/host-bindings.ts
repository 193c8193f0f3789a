// The seam for host modules: the runner links every module a factory returns (each import is
// checked against the module's declared signatures), hands each binding the instance, and
// asks each for an exit code and files after the run. env is one factory (env-host.ts);
// WASI is another (wasi-binding.ts, over runner/wasi/).
import type { HostContext, HostModule } from "./host-module";
import type { RunRequest } from "./protocol";

export interface HostBinding {
  module: HostModule;
  /** Called once the instance exists, before the entry runs. */
  bindInstance?(instance: WebAssembly.Instance): void;
  /**
   * The code the guest exited with through this module (WASI proc_exit), else undefined. The
   * runner asks after every run, so an exit is a typed value even if the guest caught the throw.
   */
  exitCode?(): number | undefined;
  /** Files the module holds after the run (WASI's in-memory file system), path → contents. */
  files?(): Record<string, Uint8Array>;
  /** Further names of those files (hard links) → the path `files` holds each under. */
  fileLinks?(): Record<string, string>;
}

/** A factory's refusal of the run's options (e.g. a WASI file with a bad path): invalid_config. */
export interface BindingRefusal {
  refused: string;
}

export function isRefusal(made: HostBinding | BindingRefusal): made is BindingRefusal {
  return "refused" in made;
}

export type HostBindingFactory = (
  context: HostContext,
  request: RunRequest,
) => HostBinding | BindingRefusal;
