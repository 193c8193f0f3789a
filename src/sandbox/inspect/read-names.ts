// The "name" custom section's function names (subsection 1). V8 accepts a garbage name
// section, so a damaged one yields whatever was read before the damage, never an error.
import { ByteReader, InspectError } from "./byte-reader";

const FUNCTION_NAMES = 1;

export function readFunctionNames(section: ByteReader): Record<number, string> | undefined {
  const names: Record<number, string> = {};
  try {
    while (!section.atEnd()) {
      const id = section.byte();
      const size = section.u32();
      if (size > section.remaining) return names;
      const sub = new ByteReader(section.bytes, section.offset, section.offset + size);
      section.skip(size);
      if (id !== FUNCTION_NAMES) continue;
      const n = sub.count("function names");
      for (let i = 0; i < n; i++) {
        const index = sub.u32();
        names[index] = sub.name();
      }
    }
  } catch (error) {
    if (!(error instanceof InspectError)) throw error;
  }
  return names;
}
