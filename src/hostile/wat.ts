// Compiles the corpus's WAT sources with wabt, in Node (tests and scripts only). The features are
// the post-MVP ones V8 ships and the corpus uses.
import { readFileSync } from "node:fs";
import wabtInit from "wabt";

const FEATURES = {
  bulk_memory: true,
  reference_types: true,
  tail_call: true,
  multi_value: true,
  sign_extension: true,
  sat_float_to_int: true,
  mutable_globals: true,
  simd: true,
} as const;

let wabt: ReturnType<typeof wabtInit> | undefined;

export async function watToBinary(source: string, filename = "input.wat"): Promise<Uint8Array> {
  wabt ??= wabtInit();
  const module = (await wabt).parseWat(filename, source, FEATURES);
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** Reads and compiles `src/hostile/wat/<file>`. */
export async function corpusWasm(file: string): Promise<Uint8Array> {
  const url = new URL(`./wat/${file}`, import.meta.url);
  return watToBinary(readFileSync(url, "utf8"), file);
}
