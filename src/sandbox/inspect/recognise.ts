// Recognising a module that is a language runtime run through a driver (runner/drivers/) rather
// than an entry call: a dropped CRuby is offered as "run Ruby with it", not as 50 exports and 24
// imports to deny. Pure: the page calls it on the toolchain worker's ModuleInfo.
import { missingRubyWasmExports } from "../runner/drivers/ruby-wasm-abi";
import type { GuestDriver } from "../types";
import type { ModuleInfo } from "./module-info";

export interface RecognisedRuntime {
  driver: GuestDriver;
  /** The language its driver runs. */
  language: "ruby";
}

/** The driver that can run this module, when it is a runtime one knows; undefined otherwise. */
export function recogniseRuntime(
  info: Pick<ModuleInfo, "exports" | "imports">,
): RecognisedRuntime | undefined {
  if (missingRubyWasmExports(info.exports).length === 0) {
    return { driver: "ruby-wasm", language: "ruby" };
  }
  return undefined;
}
