import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compileWat } from "../compile-wat";
import {
  boundedWasmResponse,
  CLANG_MEMORY_LIMIT_BYTES,
  clangMemoryLimitBytes,
  installClangMemoryBound,
  lowerMemoryMaximum,
  type BoundResult,
} from "./memory-bound";

const PAGE = 65_536;

/** A module whose memory (1 page, the given maximum) grows by `delta` pages from inside wasm. */
async function growingModule(max: string): Promise<Uint8Array<ArrayBuffer>> {
  const outcome = await compileWat(`(module
  (memory (export "memory") 1 ${max})
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
  if (!outcome.ok) throw new Error(outcome.message);
  return new Uint8Array(outcome.bytes);
}

async function grow(bytes: Uint8Array<ArrayBuffer>, pages: number): Promise<number> {
  const { instance } = await WebAssembly.instantiate(bytes, {});
  return (instance.exports.grow as (pages: number) => number)(pages);
}

describe("lowerMemoryMaximum", () => {
  it("lowers a larger maximum in place, so memory.grow past the bound fails inside wasm", async () => {
    const bytes = await growingModule("65536");
    const size = bytes.byteLength;
    expect(lowerMemoryMaximum(bytes, 16)).toBe("lowered");
    expect(bytes.byteLength).toBe(size);
    expect(await grow(bytes, 16)).toBe(-1);
    expect(await grow(bytes, 15)).toBe(1);
  });

  it("leaves a smaller maximum and a module without memory alone", async () => {
    const small = await growingModule("8");
    const before = small.slice();
    expect(lowerMemoryMaximum(small, 16)).toBe("within");
    expect(small).toEqual(before);
    const none = await compileWat('(module (func (export "f")))');
    if (!none.ok) throw new Error(none.message);
    expect(lowerMemoryMaximum(new Uint8Array(none.bytes), 16)).toBe("within");
  });

  it("says when a memory has no maximum, or the prefix ends before the memory section", async () => {
    expect(lowerMemoryMaximum(await growingModule(""), 16)).toBe("no-maximum");
    expect(lowerMemoryMaximum((await growingModule("65536")).subarray(0, 20), 16)).toBe(
      "need-more",
    );
  });

  it("lowers the memory of the compiler this package ships (so the bound reaches clang)", async () => {
    // The package exports only its bundle; the compiler module sits beside it.
    const bundle = createRequire(import.meta.url).resolve("@yowasp/clang");
    const file = join(dirname(bundle), "llvm.core.wasm");
    const handle = await open(file);
    try {
      const prefix = new Uint8Array(1024 * 1024);
      await handle.read(prefix, 0, prefix.byteLength, 0);
      expect(lowerMemoryMaximum(prefix, CLANG_MEMORY_LIMIT_BYTES / PAGE)).toBe("lowered");
    } finally {
      await handle.close();
    }
  });
});

describe("boundedWasmResponse", () => {
  it("streams the module through in small chunks with its maximum lowered", async () => {
    const bytes = await growingModule("65536");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.byteLength; at += 3) {
          controller.enqueue(bytes.slice(at, at + 3));
        }
        controller.close();
      },
    });
    const results: BoundResult[] = [];
    const response = new Response(body, { headers: { "content-type": "application/wasm" } });
    const bounded = boundedWasmResponse(response, 16 * PAGE, (result) => results.push(result));
    const module = await WebAssembly.compileStreaming(bounded);
    const instance = await WebAssembly.instantiate(module, {});
    expect((instance.exports.grow as (pages: number) => number)(16)).toBe(-1);
    expect(results).toEqual(["lowered"]);
  });

  it("is put on compileStreaming by installClangMemoryBound, and taken off again", async () => {
    const results: BoundResult[] = [];
    const uninstall = installClangMemoryBound(16 * PAGE, (result) => results.push(result));
    uninstalls.push(uninstall);
    expect(clangMemoryLimitBytes()).toBe(16 * PAGE);
    const wasm = () =>
      growingModule("65536").then(
        (bytes) => new Response(bytes, { headers: { "content-type": "application/wasm" } }),
      );
    const bounded = await WebAssembly.instantiate(await WebAssembly.compileStreaming(wasm()), {});
    expect((bounded.exports.grow as (pages: number) => number)(16)).toBe(-1);
    uninstall();
    const free = await WebAssembly.instantiate(await WebAssembly.compileStreaming(wasm()), {});
    expect((free.exports.grow as (pages: number) => number)(16)).toBe(1);
    expect(results).toEqual(["lowered"]);
  });
});

const uninstalls: (() => void)[] = [];
afterEach(() => uninstalls.splice(0).forEach((uninstall) => uninstall()));
