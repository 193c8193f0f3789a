import { describe, expect, it } from "vitest";
import type { ClangApi } from "../toolchain/clang/clang-api";
import { DEFAULT_CLANG_OPTIONS } from "../toolchain/clang/options";
import { ClangHost } from "./clang-host";
import { FakeWorker } from "./fake-worker";

function clangWorkers(overrides: Partial<ClangApi>) {
  const spawned: FakeWorker[] = [];
  let loads = 0;
  const api: ClangApi = {
    load: async (onProgress) => {
      loads++;
      await onProgress({ stage: "download", source: "download", loadedBytes: 5, totalBytes: 10 });
      // A reply that is not a progress message is dropped, never shown.
      await (onProgress as (m: unknown) => Promise<void>)({ stage: "<script>" });
      return { ok: true, fromCache: false };
    },
    compile: async () => ({
      ok: true,
      bytes: new Uint8Array([0]),
      diagnostics: [],
      compileMs: 1,
      info: null,
    }),
    ...overrides,
  };
  const spawn = () => {
    const worker = new FakeWorker(api);
    spawned.push(worker);
    return worker;
  };
  return { spawn, spawned, loads: () => loads };
}

describe("ClangHost", () => {
  it("loads the compiler once per worker and passes its progress on, checked", async () => {
    const { spawn, spawned, loads } = clangWorkers({});
    const host = new ClangHost(spawn);
    expect(spawned).toHaveLength(0);
    const seen: unknown[] = [];
    const first = await host.compile("int main(){}", "c", DEFAULT_CLANG_OPTIONS, (p) =>
      seen.push(p),
    );
    expect(first.ok).toBe(true);
    await host.compile("int main(){}", "c", DEFAULT_CLANG_OPTIONS);
    expect(spawned).toHaveLength(1);
    expect(loads()).toBe(1);
    expect(seen).toEqual([
      { stage: "download", source: "download", loadedBytes: 5, totalBytes: 10 },
    ]);
    host.dispose();
  });

  it("a compile past its time limit ends the worker; the next compile gets a fresh one", async () => {
    let calls = 0;
    const { spawn, spawned, loads } = clangWorkers({
      compile: () =>
        ++calls === 1
          ? new Promise(() => {})
          : Promise.resolve({
              ok: true,
              bytes: new Uint8Array([1]),
              diagnostics: [],
              compileMs: 1,
              info: null,
            }),
    });
    const host = new ClangHost(spawn, 100);
    const stuck = await host.compile("x", "cpp", DEFAULT_CLANG_OPTIONS);
    expect(stuck).toMatchObject({
      ok: false,
      message:
        "Compiling the C++ took longer than 0.1 s, so it was stopped; the compiler restarts on the next compile.",
    });
    expect(spawned[0]!.terminated).toBe(true);
    expect(await host.compile("x", "cpp", DEFAULT_CLANG_OPTIONS)).toMatchObject({ ok: true });
    expect(spawned).toHaveLength(2);
    expect(loads()).toBe(2);
    host.dispose();
  });

  it("a worker that dies mid-compile (out of memory) gives a clear message, not a hang", async () => {
    let worker: FakeWorker | undefined;
    const { spawn } = clangWorkers({
      compile: () => {
        setTimeout(() => worker?.terminate(), 10);
        return new Promise(() => {});
      },
    });
    const host = new ClangHost(() => (worker = spawn()), 60_000);
    const outcome = await host.compile("x", "c", DEFAULT_CLANG_OPTIONS);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.message).toMatch(/^Compiling the C failed: the compiler's worker ended/);
    host.dispose();
  });

  it("a compile that ran into the memory bound (or crashed) replaces the worker", async () => {
    const failures = [
      "The C compiler needed more than 1,024 MiB of memory, so it was stopped (a huge macro expansion, array or template instantiation does this).",
      "The C compiler crashed: unreachable",
    ];
    let calls = 0;
    const { spawn, spawned } = clangWorkers({
      compile: async () => {
        const message = failures[calls++] ?? "Line 1, column 1: expected ';'";
        return { ok: false, message, diagnostics: [{ message, severity: "error" }] };
      },
    });
    const host = new ClangHost(spawn);
    for (const message of failures) {
      expect(await host.compile("x", "c", DEFAULT_CLANG_OPTIONS)).toMatchObject({ message });
      expect(spawned.at(-1)!.terminated).toBe(true);
    }
    // An ordinary compile error keeps the worker (and its loaded compiler).
    await host.compile("x", "c", DEFAULT_CLANG_OPTIONS);
    expect(spawned).toHaveLength(3);
    expect(spawned[2]!.terminated).toBe(false);
    host.dispose();
  });

  it("a compile reply that fails its schema is a clear failure, and the worker is replaced", async () => {
    const { spawn, spawned } = clangWorkers({
      compile: async () => ({ ok: true, bytes: new Uint8Array([1]), diagnostics: [] }) as never,
    });
    const host = new ClangHost(spawn);
    const outcome = await host.compile("int main(){}", "c", DEFAULT_CLANG_OPTIONS);
    expect(outcome).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Compiling the C failed: a malformed reply at compileMs/),
    });
    expect(spawned[0]!.terminated).toBe(true);
    host.dispose();
  });
});
