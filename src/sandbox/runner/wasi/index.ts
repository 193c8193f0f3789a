// WASI preview 1 for the runner: the host module, its signature table, and the typed exit/trap.
export { createWasiHost } from "./wasi-host";
export type { WasiHost, WasiHostOptions } from "./wasi-host";
export { isWasiExit, isWasiTrap, WasiExit, WasiTrap } from "./errors";
export { WASI_FUNCTION_NAMES, WASI_MODULE, WASI_SIGNATURES } from "./signatures";
export type { WasiFunctionName } from "./signatures";
export { DEFAULT_SEED, FIXED_EPOCH_NS, CLOCK_TICK_NS } from "./clocks";
export { DEFAULT_MAX_FS_BYTES } from "./file-system";
