// Bounds-checked access to a guest's linear memory for one WASI call.
//
// Every accessor takes a fresh view of `memory.buffer`, because memory.grow detaches the old
// ArrayBuffer. Every range is checked before use and a bad one becomes a WasiTrap: typed arrays
// would otherwise clamp silently (`slice`, `subarray`) or throw a RangeError of their own.
import { WasiTrap } from "./errors";

/** Size of a WASI (c)iovec: { buf: u32, buf_len: u32 }. */
export const IOVEC_BYTES = 8;

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

export class GuestMemory {
  constructor(
    private readonly fnName: string,
    private readonly memory: WebAssembly.Memory,
  ) {}

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** Traps unless [ptr, ptr + len) lies inside memory. `ptr` and `len` are unsigned. */
  check(ptr: number, len: number, what = "pointer"): void {
    const size = this.byteLength;
    if (ptr + len > size) {
      throw new WasiTrap(
        `wasi ${this.fnName}: ${what} ${hex(ptr)} (+${len} bytes) out of bounds of the guest's ` +
          `${size}-byte memory`,
      );
    }
  }

  /** Checks an iovec array and every buffer it points to; returns the buffers' total length. */
  checkIovecs(iovs: number, count: number): number {
    this.check(iovs, count * IOVEC_BYTES, "iovec array");
    const view = this.view();
    let total = 0;
    for (let i = 0; i < count; i++) {
      const buf = view.getUint32(iovs + i * IOVEC_BYTES, true);
      const len = view.getUint32(iovs + i * IOVEC_BYTES + 4, true);
      this.check(buf, len, `iovec[${i}] buffer`);
      total += len;
    }
    return total;
  }

  view(): DataView {
    return new DataView(this.memory.buffer);
  }

  setU32(ptr: number, value: number): void {
    this.check(ptr, 4);
    this.view().setUint32(ptr, value, true);
  }

  setU64(ptr: number, value: bigint): void {
    this.check(ptr, 8);
    this.view().setBigUint64(ptr, value, true);
  }

  /** Copies `bytes` into guest memory at `ptr`. */
  write(ptr: number, bytes: Uint8Array): void {
    this.check(ptr, bytes.byteLength);
    new Uint8Array(this.memory.buffer, ptr, bytes.byteLength).set(bytes);
  }

  /** A live view of [ptr, ptr + len); valid only until the guest runs again. */
  region(ptr: number, len: number): Uint8Array {
    this.check(ptr, len);
    return new Uint8Array(this.memory.buffer, ptr, len);
  }
}
