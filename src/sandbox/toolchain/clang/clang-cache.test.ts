// cachingFetch with an in-memory Cache Storage and a counting network.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cachingFetch, type FetchTally } from "./clang-cache";

class MemoryCache {
  readonly entries = new Map<string, Response>();
  match(request: Request) {
    return Promise.resolve(this.entries.get(request.url)?.clone());
  }
  put(request: Request, response: Response) {
    this.entries.set(request.url, response);
    return Promise.resolve();
  }
}

function memoryCaches() {
  const stores = new Map<string, MemoryCache>();
  return {
    stores,
    keys: () => Promise.resolve([...stores.keys()]),
    delete: (name: string) => Promise.resolve(stores.delete(name)),
    open: (name: string) => {
      if (!stores.has(name)) stores.set(name, new MemoryCache());
      return Promise.resolve(stores.get(name)!);
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("cachingFetch (the compiler's files in Cache Storage)", () => {
  it("downloads a file once, then reads it from the cache; data: URLs pass through uncounted", async () => {
    const caches = memoryCaches();
    caches.stores.set("wasm-sandbox-clang-old", new MemoryCache());
    const network = vi.fn((request: Request) =>
      Promise.resolve(new Response(`body of ${request.url}`)),
    );
    vi.stubGlobal("caches", caches);
    vi.stubGlobal("fetch", network);
    const first: FetchTally = { fromNetwork: 0, fromCache: 0 };
    const fetchOnce = cachingFetch(() => Promise.resolve("1.0"), first);
    const url = "https://example.test/assets/llvm.core.wasm";
    expect(await (await fetchOnce(url)).text()).toBe(`body of ${url}`);
    await fetchOnce("data:application/wasm;base64,AGFzbQEAAAA=");
    expect(first).toEqual({ fromNetwork: 1, fromCache: 0 });
    expect([...caches.stores.keys()]).toEqual(["wasm-sandbox-clang-1.0"]);

    // A second worker (a second page): the same file comes from the cache.
    const second: FetchTally = { fromNetwork: 0, fromCache: 0 };
    const fetchAgain = cachingFetch(() => Promise.resolve("1.0"), second);
    expect(await (await fetchAgain(url)).text()).toBe(`body of ${url}`);
    await fetchAgain("data:application/wasm;base64,AGFzbQEAAAA=");
    expect(second).toEqual({ fromNetwork: 0, fromCache: 1 });
    expect(network.mock.calls.map(([r]) => r.url.slice(0, 5))).toEqual(["https", "data:", "data:"]);
  });
});
