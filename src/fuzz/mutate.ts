// Byte-level mutation of real modules. Most mutants are invalid (and exercise the decoders);
// the few V8 still accepts change a constant, an opcode or a limit somewhere — exactly the
// near-miss inputs a generator never makes.
import type { Rng } from "./rng";

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x41, 0x0b, 0x10, 0xfc, 0xfd];

/** One mutant of `bytes`, never touching the 8-byte header (so it is still read as wasm). */
export function mutate(bytes: Uint8Array, rng: Rng, edits = 1 + rng.int(3)): Uint8Array {
  let out = bytes.slice();
  for (let e = 0; e < edits && out.length > 8; e++) {
    const at = 8 + rng.int(out.length - 8);
    switch (rng.int(6)) {
      case 0:
        out[at] ^= 1 << rng.int(8);
        break;
      case 1:
        out[at] = rng.pick(INTERESTING);
        break;
      case 2:
        out[at] = rng.next() & 0xff;
        break;
      case 3: {
        // Insert a byte.
        const grown = new Uint8Array(out.length + 1);
        grown.set(out.subarray(0, at));
        grown[at] = rng.pick(INTERESTING);
        grown.set(out.subarray(at), at + 1);
        out = grown;
        break;
      }
      case 4:
        // Delete a byte.
        out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + 1)]);
        break;
      default: {
        // Copy a short run from elsewhere over this spot.
        const from = 8 + rng.int(out.length - 8);
        const n = Math.min(1 + rng.int(8), out.length - at, out.length - from);
        out.copyWithin(at, from, from + n);
      }
    }
  }
  return out;
}

/** Up to `tries` mutants of `bytes`, keeping the first one V8 accepts. */
export function validMutant(bytes: Uint8Array, rng: Rng, tries = 50): Uint8Array | undefined {
  for (let i = 0; i < tries; i++) {
    const m = mutate(bytes, rng);
    if (WebAssembly.validate(m as Uint8Array<ArrayBuffer>)) return m;
  }
  return undefined;
}
