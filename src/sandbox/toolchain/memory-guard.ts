// A bound on the memory the compilers in this worker can take. binaryen and wabt are wasm
// (Emscripten) modules that grow their heap from JavaScript with WebAssembly.Memory#grow; a
// source such as AssemblyScript's `memory.data(0x7ff00000)` made binaryen grow towards 4 GiB
// and the browser with it. Wrapping `grow` for the whole worker is the one place every such
// growth passes through: past the bound it throws as an engine refusal does, the compiler's
// allocation fails (Emscripten's resize returns false) and the compiler aborts. The guard records
// the refusal, so the call can say why it failed, and the worker's owner replaces the worker
// (its compilers are unusable after an abort, and their memory is only freed with it).
import { groupDigits } from "../digits";

export const TOOLCHAIN_MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;

const PAGE_BYTES = 65_536;

/** Thrown to the toolchain worker's client when a call ended on the memory bound. */
export class ToolchainMemoryLimitError extends Error {
  constructor(
    readonly limitBytes: number,
    what: string,
  ) {
    super(
      `${what} needed more than ${groupDigits(Math.round(limitBytes / (1024 * 1024)))} MiB of memory, so it was stopped (a very large static buffer or data segment does this)`,
    );
    this.name = "ToolchainMemoryLimitError";
  }
}

export interface MemoryGuard {
  readonly limitBytes: number;
  /** Bytes held now by the memories that have grown under the guard. */
  heldBytes(): number;
  /** Whether a growth was refused since the last call (and forgets it). */
  takeRefusal(): boolean;
  /** Puts the original `grow` back. */
  uninstall(): void;
}

/**
 * Bounds the total size of every WebAssembly.Memory grown in this realm (a worker) to
 * `limitBytes`. A memory counts once it has grown under the guard (a compiler's initial heap is
 * small; what a hostile input drives up is the growth).
 */
export function installMemoryGuard(limitBytes = TOOLCHAIN_MEMORY_LIMIT_BYTES): MemoryGuard {
  const proto = WebAssembly.Memory.prototype;
  const originalGrow = proto.grow;
  const grown = new Set<WeakRef<WebAssembly.Memory>>();
  let refused = false;
  const heldBytes = () => {
    let total = 0;
    for (const ref of grown) {
      const memory = ref.deref();
      if (memory) total += memory.buffer.byteLength;
      else grown.delete(ref);
    }
    return total;
  };
  const known = new WeakSet<WebAssembly.Memory>();
  proto.grow = function grow(this: WebAssembly.Memory, delta: number): number {
    if (!known.has(this)) {
      known.add(this);
      grown.add(new WeakRef(this));
    }
    if (heldBytes() + Number(delta) * PAGE_BYTES > limitBytes) {
      refused = true;
      throw new RangeError(`WebAssembly.Memory.grow(): refused past the toolchain's memory bound`);
    }
    return originalGrow.call(this, delta);
  };
  return {
    limitBytes,
    heldBytes,
    takeRefusal: () => {
      const was = refused;
      refused = false;
      return was;
    },
    uninstall: () => {
      proto.grow = originalGrow;
    },
  };
}

/**
 * Runs one toolchain call; if the guard refused a growth meanwhile, whatever the call returned
 * (the compiler's own report of its abort) gives way to ToolchainMemoryLimitError, thrown so the
 * worker's owner replaces the worker.
 */
export async function guardedCall<R>(
  guard: MemoryGuard,
  what: string,
  call: () => Promise<R>,
): Promise<R> {
  guard.takeRefusal();
  let result: R;
  try {
    result = await call();
  } catch (error) {
    if (guard.takeRefusal()) throw new ToolchainMemoryLimitError(guard.limitBytes, what);
    throw error;
  }
  if (guard.takeRefusal()) throw new ToolchainMemoryLimitError(guard.limitBytes, what);
  return result;
}
