// A driver runs a program that is not one export call: it names the imports the program needs
// beyond the person's allow-list (plumbing that grants nothing), the imports to stub, and
// drives the instance's exports itself in place of the entry call (runner/run-guest.ts).
import type { ExportInfo } from "../../inspect/module-info";
import type { HostContext, HostModule } from "../host-module";
import type { RunRequest } from "../protocol";

export interface Driver {
  /** Why the module cannot be driven (a missing export), or undefined when it can. */
  check(exports: readonly ExportInfo[]): string | undefined;
  /** The request the host bindings see (e.g. WASI's argv[0], stdin already used as the script). */
  prepare(request: RunRequest): RunRequest;
  /** Host modules linked without an allow-list entry: they must grant the guest nothing. */
  hostModules(context: HostContext): HostModule[];
  /** Function imports linked to trapping stubs ("module.name" or "module.*"). */
  stubImports: readonly string[];
  /** Runs the program; throws whatever a guest call throws, like an entry call. */
  run(instance: WebAssembly.Instance, request: RunRequest): void;
}
