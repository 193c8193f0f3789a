// The engine's public API. Main-thread safe: nothing here loads a compiler or runs guest code
// on the calling thread (instrument() and inspect() are pure TypeScript).
export {
  WasmSandbox,
  browserRuntime,
  defaultRuntime,
  type RunStage,
  type SandboxExecuteOptions,
  type SandboxRuntime,
} from "./sandbox";
export { WasmSandboxManager } from "./manager";
export {
  createNodeRuntime,
  DEFAULT_RUNNER_LIMITS,
  type NodeRuntimeOptions,
} from "./runtime/node-runtime";
export {
  ASSEMBLYSCRIPT_IMPORTS,
  DEFAULT_CONFIG,
  resolveConfig,
  SandboxConfigError,
  isImportAllowed,
  type ResolvedConfig,
  type WasmSandboxConfig,
} from "./config";
export * from "./types";
export {
  BINDING_KINDS,
  checkImportBindings,
  type BindingKind,
  type ImportBinding,
} from "./bindings";
export { instrument, readFuel, readGrowRefused } from "./instrument";
export type { InstrumentLimits, InstrumentOutcome } from "./instrument/abi";
export { inspect, type InspectResult } from "./inspect/inspect";
export type * from "./inspect/module-info";
export type * from "./toolchain/api";
export { sharedToolchain } from "./runtime/shared-toolchain";
export { DEFAULT_TOOLCHAIN_TIMEOUT_MS, ToolchainHost } from "./runtime/toolchain-host";
