// One lazily loaded wabt.js instance (wat2wasm / wasm2wat compiled to wasm), shared by the WAT
// compiler and the disassembler. wabt embeds its wasm in the JS file and only touches `fs` on its
// Node code path, so the same import works in Node (tests) and in a browser module worker.
import type wabtInit from "wabt";

// wabt's typings declare these interfaces without exporting them.
export type WabtModule = Awaited<ReturnType<typeof wabtInit>>;
// multi_memory is read by wabt.js 1.0.39 at run time but missing from its typings.
export type WasmFeatures = NonNullable<Parameters<WabtModule["parseWat"]>[2]> & {
  multi_memory?: boolean;
};

/**
 * The post-MVP features V8 (Chromium, Node) ships that wabt reads, in WAT and binaries: Wasm 3.0's
 * exnref, memory64 (and table64), multi-memory, extended-const and relaxed SIMD among them.
 * Threads stay off (the sandbox refuses shared memory); wabt cannot read GC types at all.
 */
export const WABT_FEATURES: WasmFeatures = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  simd: true,
  tail_call: true,
  exceptions: true,
  memory64: true,
  multi_memory: true,
  extended_const: true,
  relaxed_simd: true,
};

let instance: Promise<WabtModule> | undefined;

export function loadWabt(): Promise<WabtModule> {
  if (!instance) {
    instance = import("wabt").then((mod) => mod.default());
    // A failed load must not stick: the next call tries again.
    instance.catch(() => (instance = undefined));
  }
  return instance;
}

/**
 * Drops the cached instance. Called after wabt fails in a way that is not a reported error (a
 * wasm trap or a JS stack overflow inside it): its heap may be inconsistent, so start afresh.
 */
export function resetWabt(): void {
  instance = undefined;
}

/** True for failures of the wabt instance itself, as opposed to errors it reports about the input. */
export function isWabtCrash(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

/**
 * wabt's JS glue measures a typed array by its whole underlying buffer and copies it from offset
 * 0, so a view into a larger buffer would be read with the wrong bytes. Hand it an exact copy.
 */
export function exactBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}
