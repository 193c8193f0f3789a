// The "name" custom section's function names (subsection 1). V8 accepts a garbage name
// section, so a damaged one yields whatever was read before the damage, never an error.
import { MalformedError, Reader } from "../wasm/reader";
import { count, InspectError, readName } from "./refusals";

const FUNCTION_NAMES = 1;

export function readFunctionNames(section: Reader): Record<number, string> | undefined {
  const names: Record<number, string> = {};
  try {
    while (!section.done) {
      const id = section.byte();
      const size = section.u32();
      if (size > section.remaining) return names;
      const sub = new Reader(section.bytes, section.pos, section.pos + size);
      section.skip(size);
      if (id !== FUNCTION_NAMES) continue;
      const n = count(sub, "function names");
      for (let i = 0; i < n; i++) {
        const index = sub.u32();
        names[index] = readName(sub);
      }
    }
  } catch (error) {
    if (!(error instanceof InspectError || error instanceof MalformedError)) throw error;
  }
  return names;
}
