// Test helper (Node only): WAT source → wasm bytes through wabt.
import wabtInit from "wabt";

type WabtFeatures = Parameters<Awaited<ReturnType<typeof wabtInit>>["parseWat"]>[2];

let wabtPromise: ReturnType<typeof wabtInit> | undefined;

/** Every proposal wabt parses, including ones V8 in Node 20 does not run (for the inspector). */
const PARSE_EVERYTHING: WabtFeatures = {
  exceptions: true,
  simd: true,
  threads: true,
  multi_value: true,
  tail_call: true,
  bulk_memory: true,
  reference_types: true,
  memory64: true,
  function_references: true,
  gc: true,
};

export async function wat(
  source: string,
  options: { names?: boolean; features?: WabtFeatures; validate?: boolean } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  wabtPromise ??= wabtInit();
  const wabt = await wabtPromise;
  const module = wabt.parseWat(
    "test.wat",
    new TextEncoder().encode(source),
    options.features ?? PARSE_EVERYTHING,
  );
  try {
    module.resolveNames();
    if (options.validate) module.validate();
    return new Uint8Array(module.toBinary({ write_debug_names: options.names ?? false }).buffer);
  } finally {
    module.destroy();
  }
}
