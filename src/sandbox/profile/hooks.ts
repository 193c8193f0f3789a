// Fills a profiled instance's hook table (instrument/abi.ts, PROFILE_HOOKS_EXPORT) with the
// recorder's hooks, which are wasm functions (recorder.wat): the guest calls them wasm to wasm.
import { PROFILE_ENTER_SLOT, PROFILE_HOOKS_EXPORT, PROFILE_SETTLE_SLOT } from "../instrument/abi";
import type { ProfileRecorder } from "./recorder";

/** Whether the instance is a profiled build. */
export function isProfiled(instance: WebAssembly.Instance): boolean {
  return instance.exports[PROFILE_HOOKS_EXPORT] instanceof WebAssembly.Table;
}

/** Points the instance's hooks at the recorder; false when the instance is not profiled. */
export function installProfileHooks(
  instance: WebAssembly.Instance,
  recorder: ProfileRecorder,
): boolean {
  const table = instance.exports[PROFILE_HOOKS_EXPORT];
  if (!(table instanceof WebAssembly.Table)) return false;
  table.set(PROFILE_ENTER_SLOT, recorder.enter);
  table.set(PROFILE_SETTLE_SLOT, recorder.settle);
  return true;
}
