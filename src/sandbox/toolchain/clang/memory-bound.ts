// A bound on the memory clang can take. The toolchain's guard (../memory-guard.ts) wraps
// WebAssembly.Memory#grow, which Emscripten's compilers call from JavaScript; @yowasp/clang is a
// wasi-libc program whose malloc grows its memory from inside wasm (memory.grow), which no
// JavaScript wrapper sees. So the bound goes into the module itself: the compiler's memory
// declares a maximum (65,536 pages, 4 GiB), and lowering it makes memory.grow past the bound
// return -1 as the spec says; LLVM's allocation then fails and it stops with "out of memory".
// The maximum is rewritten in place, in an LEB128 of the same width, so the module keeps its size
// and can still be compiled while it streams (the memory section is in its first ~140 KB).
import { TOOLCHAIN_MEMORY_LIMIT_BYTES } from "../memory-guard";
import { MalformedError, Reader } from "../../wasm/reader";

export const CLANG_MEMORY_LIMIT_BYTES = TOOLCHAIN_MEMORY_LIMIT_BYTES;
/** wasm32's own limit: the bound where none was installed (Node tests that do not install one). */
let installedLimitBytes = 4 * 1024 * 1024 * 1024;

/** The memory clang may take in this realm, for the message when it runs out. */
export function clangMemoryLimitBytes(): number {
  return installedLimitBytes;
}
const PAGE_BYTES = 65_536;
const MEMORY_SECTION = 5;
/** global, export, start, elem, code, data, datacount, tag: the sections after memory's place. */
const PAST_MEMORY = new Set([6, 7, 8, 9, 10, 11, 12, 13]);

/**
 * "lowered": every defined memory's maximum is now at most the bound. "within": nothing to lower.
 * "no-maximum": a memory without a maximum (it cannot be given one in place). "need-more": the
 * prefix ends before the memory section does.
 */
export type BoundResult = "lowered" | "within" | "no-maximum" | "need-more";

/** Lowers, in place, the maximum of each memory the module defines to `maxPages`. */
export function lowerMemoryMaximum(prefix: Uint8Array, maxPages: number): BoundResult {
  const r = new Reader(prefix);
  try {
    r.skip(8); // magic and version
    while (!r.done) {
      const id = r.byte();
      const size = r.u32();
      // Sections come in order: past the memory section's place, there is none.
      if (PAST_MEMORY.has(id)) return "within";
      if (id !== MEMORY_SECTION) {
        r.skip(size);
        continue;
      }
      if (r.remaining < size) return "need-more";
      return lowerLimits(r, r.u32(), maxPages);
    }
    return "need-more";
  } catch (error) {
    if (error instanceof MalformedError) return "need-more";
    throw error;
  }
}

function lowerLimits(r: Reader, count: number, maxPages: number): BoundResult {
  let result: BoundResult = "within";
  for (let i = 0; i < count; i++) {
    const flags = r.byte();
    r.skipLeb(); // initial
    if ((flags & 1) === 0) return "no-maximum";
    const start = r.pos;
    const max = r.u64();
    if (max <= BigInt(maxPages)) continue;
    writeLebInPlace(r.bytes, start, r.pos - start, maxPages);
    result = "lowered";
  }
  return result;
}

/** Writes `value` as an unsigned LEB128 of exactly `width` bytes (padded with 0x80 bytes). */
function writeLebInPlace(bytes: Uint8Array, at: number, width: number, value: number): void {
  if (value >= 2 ** (7 * width)) throw new RangeError("the bound does not fit the old maximum");
  let rest = value;
  for (let i = 0; i < width; i++) {
    const last = i === width - 1;
    bytes[at + i] = (rest & 0x7f) | (last ? 0 : 0x80);
    rest = Math.floor(rest / 128);
  }
}

/**
 * The module in `response`, passed through with its memory's maximum lowered to `limitBytes`.
 * Only the bytes up to the memory section are held back; the rest streams on as it arrives.
 */
export function boundedWasmResponse(
  response: Response,
  limitBytes: number,
  onResult: (result: BoundResult) => void,
): Response {
  if (!response.body) return response;
  const maxPages = Math.floor(limitBytes / PAGE_BYTES);
  let held = new Uint8Array(0);
  let decided = false;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (decided) return controller.enqueue(chunk);
        const prefix = new Uint8Array(held.byteLength + chunk.byteLength);
        prefix.set(held);
        prefix.set(chunk, held.byteLength);
        const result = lowerMemoryMaximum(prefix, maxPages);
        if (result === "need-more") {
          held = prefix;
          return;
        }
        decided = true;
        held = new Uint8Array(0);
        onResult(result);
        controller.enqueue(prefix);
      },
      flush(controller) {
        if (decided) return;
        onResult("need-more");
        controller.enqueue(held);
      },
    }),
  );
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * Puts the bound on every module this realm compiles with WebAssembly.compileStreaming (how
 * @yowasp/clang loads its modules, in the browser and in Node). For the clang worker only.
 */
export function installClangMemoryBound(
  limitBytes = CLANG_MEMORY_LIMIT_BYTES,
  onResult: (result: BoundResult) => void = () => {},
): () => void {
  const original = WebAssembly.compileStreaming;
  const previousLimit = installedLimitBytes;
  installedLimitBytes = limitBytes;
  WebAssembly.compileStreaming = async (source) =>
    original.call(WebAssembly, boundedWasmResponse(await source, limitBytes, onResult));
  return () => {
    WebAssembly.compileStreaming = original;
    installedLimitBytes = previousLimit;
  };
}
