// How host functions are offered to guests. Each host module declares the exact signature of
// every function, because the JS API links an import of any signature without complaint.
import type { FuncSignature } from "../inspect/module-info";

export interface HostContext {
  /** The guest's memory; undefined until instantiation is done (e.g. inside a start function). */
  memory(): WebAssembly.Memory | undefined;
  /** Append guest output; throws the output-limit signal once maxOutputBytes is passed. */
  write(stream: "stdout" | "stderr", bytes: Uint8Array): void;
  /** Fixed clocks and seeded randomness. */
  deterministic: boolean;
}

export interface HostFunction {
  signature: FuncSignature;
  // Host functions take and return raw wasm values.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: (...args: any[]) => any;
}

export interface HostModule {
  /** The import module name, e.g. "env" or "wasi_snapshot_preview1". */
  name: string;
  functions: Record<string, HostFunction>;
}
