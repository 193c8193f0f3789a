// Test helper (Node only): WAT source → wasm bytes through wabt, all features on.
import wabtInit from "wabt";

let wabtPromise: ReturnType<typeof wabtInit> | undefined;

export async function wat(source: string, options: { names?: boolean } = {}): Promise<Uint8Array> {
  wabtPromise ??= wabtInit();
  const wabt = await wabtPromise;
  const module = wabt.parseWat("test.wat", new TextEncoder().encode(source), {
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
  });
  try {
    module.resolveNames();
    return module.toBinary({ write_debug_names: options.names ?? false }).buffer;
  } finally {
    module.destroy();
  }
}
