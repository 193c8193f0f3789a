// instrument(bytes, limits): the fuel pass and the memory-cap pass in one read and one write of
// the binary, with V8 validating the input before and the output after. Pure: no DOM, no
// binaryen, runs the same in Node, a module worker or a page. See README.md for the exact
// cost model and abi.ts for the exports the result gains.
import type { InstrumentLimits, InstrumentOutcome } from "./abi";
import { MalformedError } from "../wasm/reader";
import { RefusedError } from "./bytes";
import { MAX_INSTRUMENT_BYTES, resolveBudget, rewriteModuleWithFacts } from "./pipeline";
import { groupDigits } from "../digits";

export * from "./abi";
export { readFuel, readGrowRefused } from "./read-abi";
export { MAX_INSTRUMENT_BYTES, UNLIMITED_FUEL, rewriteModule } from "./pipeline";

async function v8Reason(bytes: Uint8Array): Promise<string> {
  try {
    await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    return "WebAssembly.validate rejected it";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Instruments a module: memory and table caps, refused-grow flag, fuel metering (unless
 * `limits.meter === false`). Never throws for a bad module: the outcome says what was wrong.
 * Throws RangeError only for limits that resolveConfig() would have refused.
 */
export async function instrument(
  bytes: Uint8Array,
  limits: InstrumentLimits,
): Promise<InstrumentOutcome> {
  const started = performance.now();
  const budget = resolveBudget(limits.maxFuel);
  if (!(bytes instanceof Uint8Array)) {
    return { ok: false, kind: "invalid_module", message: "the module must be given as bytes" };
  }
  if (bytes.length > MAX_INSTRUMENT_BYTES) {
    return {
      ok: false,
      kind: "invalid_module",
      message: `the module is ${groupDigits(bytes.length)} bytes, over the 1 GiB limit`,
    };
  }
  if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) {
    return {
      ok: false,
      kind: "invalid_module",
      message: `not a valid WebAssembly module: ${await v8Reason(bytes)}`,
    };
  }
  let out: Uint8Array;
  let lazyFunctions: number[];
  let threadedFunctions: number[];
  try {
    ({
      bytes: out,
      lazyFunctions,
      threadedFunctions,
    } = rewriteModuleWithFacts(bytes, limits, budget));
  } catch (e) {
    if (e instanceof RefusedError) return { ok: false, kind: e.kind, message: e.message };
    const reason = e instanceof MalformedError ? e.message : String(e);
    return { ok: false, kind: "invalid_module", message: `could not instrument: ${reason}` };
  }
  if (!WebAssembly.validate(out as Uint8Array<ArrayBuffer>)) {
    return {
      ok: false,
      kind: "invalid_module",
      message: `instrumentation produced a module V8 rejects (a bug in the sandbox, please report it): ${await v8Reason(out)}`,
    };
  }
  return {
    ok: true,
    bytes: out,
    fuelLimit: limits.meter === false ? undefined : budget,
    originalSize: bytes.length,
    instrumentedSize: out.length,
    lazyFunctions,
    threadedFunctions,
    instrumentMs: performance.now() - started,
  };
}
