// The two ways a WASI host function ends a run instead of returning an errno.
//
// - WasiExit: the guest called proc_exit. It is a typed value, not a failure: the runner treats
//   code 0 as success and any other code as errorKind "exit" (DESIGN.md). It deliberately does
//   not extend HostTrap (nor WebAssembly.RuntimeError), so it can never be taken for a trap.
// - WasiTrap: the guest passed something no host may act on (a pointer outside its memory, a call
//   before its memory exists). It is the runner's HostTrap (guest-signals.ts), the signal every
//   host function throws for a trap: the runner latches the first one even if the guest catches
//   it (wasm EH catch_all) and reports errorKind "trap" with this message.
import { WASIProcExit } from "@bjorn3/browser_wasi_shim";
import { HostTrap } from "../guest-signals";

export class WasiExit extends Error {
  readonly kind = "wasi_exit" as const;
  constructor(
    /** The i32 the guest passed to proc_exit, read as signed (exit(-1) gives -1). */
    readonly code: number,
  ) {
    super(`the program exited with code ${code}`);
    this.name = "WasiExit";
  }
}

export class WasiTrap extends HostTrap {
  readonly kind = "wasi_trap" as const;
  constructor(message: string) {
    super(message);
    this.name = "WasiTrap";
  }
}

/** Whether `error` is a proc_exit (ours, or the shim's if a caller used it directly). */
export function isWasiExit(error: unknown): error is Error & { readonly code: number } {
  return error instanceof WasiExit || error instanceof WASIProcExit;
}

export function isWasiTrap(error: unknown): error is WasiTrap {
  return error instanceof WasiTrap;
}

/**
 * Turns what the shim may throw while touching guest memory into a trap. A DataView or typed
 * array out of range is a RangeError; so is a JS stack overflow, which must stay what it is
 * (the runner reports it as stack_overflow), so that one is passed through untouched. Anything
 * else (the output-limit signal from HostContext.write, our own exits and traps) is rethrown.
 */
export function toWasiError(fnName: string, error: unknown): unknown {
  if (error instanceof RangeError && !/call stack/i.test(error.message)) {
    return new WasiTrap(`wasi ${fnName}: memory access out of bounds (${error.message})`);
  }
  if (typeof error === "string") {
    // The shim throws bare strings in a few unreachable-in-practice paths.
    return new WasiTrap(`wasi ${fnName}: ${error}`);
  }
  return error;
}
