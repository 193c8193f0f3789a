// Test-only: WAT → wasm bytes with the wabt package, for hand-made hostile guests.
import wabtInit from "wabt";

let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

export async function wat(source: string): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const module = wabt.parseWat("test.wat", source);
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** A module importing `imports` (WAT import lines), with one page of memory and `body` as _start. */
export function guest(imports: string, body: string, extra = ""): Promise<Uint8Array> {
  return wat(`(module
    ${imports}
    (memory (export "memory") 1)
    ${extra}
    (func (export "_start") ${body}))`);
}
