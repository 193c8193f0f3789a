// Fills a profiled instance's hook table (instrument/abi.ts, PROFILE_HOOKS_EXPORT) with the
// recorder's functions. A funcref table holds only wasm functions, so a 48-byte module
// re-exports the JS functions as wasm functions:
//   (module (import "p" "e" (func (param i32 f64) (result i32)))
//           (import "p" "s" (func (param i32 f64))) (export "e" (func 0)) (export "s" (func 1)))
import { PROFILE_ENTER_SLOT, PROFILE_HOOKS_EXPORT, PROFILE_SETTLE_SLOT } from "../instrument/abi";
import type { ProfileRecorder } from "./recorder";

// prettier-ignore
const HOOKS_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0c, 0x02, 0x60,
  0x02, 0x7f, 0x7c, 0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7c, 0x00, 0x02, 0x0d,
  0x02, 0x01, 0x70, 0x01, 0x65, 0x00, 0x00, 0x01, 0x70, 0x01, 0x73, 0x00,
  0x01, 0x07, 0x09, 0x02, 0x01, 0x65, 0x00, 0x00, 0x01, 0x73, 0x00, 0x01,
]);

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
  const hooks = new WebAssembly.Instance(new WebAssembly.Module(HOOKS_MODULE), {
    p: { e: recorder.enter, s: recorder.settle },
  });
  table.set(PROFILE_ENTER_SLOT, hooks.exports.e);
  table.set(PROFILE_SETTLE_SLOT, hooks.exports.s);
  return true;
}
