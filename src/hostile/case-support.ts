// Shared pieces of the corpus files: the limits the cases run under, and the WAT loader.
import type { WasmSandboxConfig } from "../sandbox/config";
import { corpusWasm } from "./wat";

export const WASI = ["wasi_snapshot_preview1.*"];
/** Fuel is the tighter limit: the budget ends the run long before the watchdog would. */
export const FUEL: WasmSandboxConfig = { maxFuel: 200_000, timeoutMs: 20_000 };
/** Fuel unlimited: only the watchdog can end the run. Short, to keep the suite fast. */
export const WATCHDOG: WasmSandboxConfig = { timeoutMs: 300 };
export const MIB = 1024 * 1024;

export const wat = (file: string) => () => corpusWasm(file);
