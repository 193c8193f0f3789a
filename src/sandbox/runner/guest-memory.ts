// Reads from guest memory for host functions: a fresh view on every call (a grow detaches the
// old buffer), every pointer and length checked, and a HostTrap, never a RangeError, when bad.
import { HostTrap } from "./guest-signals";
import type { HostContext } from "./host-module";

export function guestMemory(context: HostContext, caller: string): WebAssembly.Memory {
  const memory = context.memory();
  if (!memory) {
    throw new HostTrap(
      `${caller} was called before the guest's memory was reachable (from the start function, or the module has no memory)`,
    );
  }
  return memory;
}

/** `length` bytes at `pointer` (both u32), or a HostTrap naming the bad range. */
export function readGuestBytes(
  memory: WebAssembly.Memory,
  pointer: number,
  length: number,
  caller: string,
): Uint8Array {
  const start = pointer >>> 0;
  const count = length >>> 0;
  const size = memory.buffer.byteLength;
  if (start + count > size) {
    throw new HostTrap(
      `${caller}: bytes 0x${start.toString(16)}..0x${(start + count).toString(16)} lie outside the guest memory (${size} bytes)`,
    );
  }
  return new Uint8Array(memory.buffer, start, count);
}

const utf16 = new TextDecoder("utf-16le");
/** Longest AssemblyScript string abort() will decode; longer ones are cut. */
const MAX_AS_STRING_BYTES = 64 * 1024;

/**
 * An AssemblyScript string: UTF-16LE at `pointer`, its byte length in the u32 just before it
 * (the rtSize field of the object header). Returns undefined for a null pointer, and a note
 * instead of text when the header or data lie outside memory, since abort() is failing anyway.
 */
export function readAssemblyScriptString(
  memory: WebAssembly.Memory,
  pointer: number,
): string | undefined {
  const start = pointer >>> 0;
  if (start === 0) return undefined;
  const size = memory.buffer.byteLength;
  if (start < 4 || start > size) return `<string at 0x${start.toString(16)}: out of bounds>`;
  const byteLength = new DataView(memory.buffer).getUint32(start - 4, true);
  const length = Math.min(byteLength, MAX_AS_STRING_BYTES) & ~1;
  if (start + length > size) return `<string at 0x${start.toString(16)}: out of bounds>`;
  const text = utf16.decode(new Uint8Array(memory.buffer, start, length));
  return byteLength > length ? `${text}…` : text;
}
