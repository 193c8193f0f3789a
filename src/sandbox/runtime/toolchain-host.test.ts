import { describe, expect, it } from "vitest";
import type { ToolchainApi } from "../toolchain/api";
import { FakeWorker } from "./fake-worker";
import { ToolchainHost } from "./toolchain-host";
import { readFileSync } from "node:fs";
import { compileWat } from "../toolchain/compile-wat";
import { inspect } from "../inspect/inspect";

function toolchain(overrides: Partial<ToolchainApi>) {
  const spawned: FakeWorker[] = [];
  const api: ToolchainApi = {
    compileWat: async () => ({
      ok: true,
      bytes: new Uint8Array([0]),
      diagnostics: [],
      compileMs: 1,
      info: null,
    }),
    compileAssemblyScript: async () => ({ ok: false, diagnostics: [], message: "no" }),
    disassemble: async () => ({ ok: true, text: "(module)" }),
    inspect: async () => ({ ok: false, message: "no" }),
    instrument: async () => ({ ok: false, kind: "invalid_module", message: "no" }),
    optimize: async (bytes) => ({ ok: true, bytes, optimizeMs: 0 }),
    binaryenText: async () => ({ ok: false, message: "no" }),
    ...overrides,
  };
  const spawn = () => {
    const worker = new FakeWorker(api);
    spawned.push(worker);
    return worker;
  };
  return { spawn, spawned };
}

describe("ToolchainHost", () => {
  it("spawns one worker lazily and keeps it for later calls", async () => {
    const { spawn, spawned } = toolchain({});
    const host = new ToolchainHost(spawn);
    expect(spawned).toHaveLength(0);
    expect(await host.compileWat("(module)")).toMatchObject({ ok: true });
    expect(await host.disassemble(new Uint8Array([0]))).toEqual({ ok: true, text: "(module)" });
    expect(spawned).toHaveLength(1);
    host.dispose();
  });

  it("a call past its bound (a compile-time bomb) is stopped, and the next call gets a fresh worker", async () => {
    let calls = 0;
    const { spawn, spawned } = toolchain({
      instrument: () =>
        ++calls === 1
          ? new Promise(() => {})
          : Promise.resolve({ ok: false, kind: "invalid_module", message: "second" }),
    });
    const host = new ToolchainHost(spawn, 100, 0);
    const bomb = await host.instrument(new Uint8Array([0]), { maxMemoryBytes: 65_536 });
    expect(bomb).toEqual({
      ok: false,
      kind: "invalid_module",
      message:
        "invalid module: instrumenting the module took longer than 0.1 s, so it was stopped (the module or source is too large or too complex)",
    });
    expect(spawned[0]!.terminated).toBe(true);
    expect(await host.instrument(new Uint8Array([0]), { maxMemoryBytes: 65_536 })).toMatchObject({
      message: "second",
    });
    expect(spawned).toHaveLength(2);
    host.dispose();
  });

  it("a compiler that throws (an abort) is a compile failure, and the worker is replaced", async () => {
    const { spawn, spawned } = toolchain({
      compileAssemblyScript: async () => {
        throw new Error("abort(): binaryen internal error");
      },
    });
    const host = new ToolchainHost(spawn);
    const outcome = await host.compileAssemblyScript("export function f(): void {}");
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toMatch(
        /^compiling the AssemblyScript failed: the worker threw: abort\(\): binaryen internal error; the toolchain was restarted/,
      );
      expect(outcome.diagnostics[0]).toMatchObject({ severity: "error" });
    }
    expect(spawned[0]!.terminated).toBe(true);
    host.dispose();
  });

  it("gives the first call of each kind in a fresh worker extra time to load its compiler", async () => {
    const slow = () => new Promise<never>(() => {});
    const { spawn } = toolchain({
      disassemble: () =>
        new Promise((resolve) => setTimeout(() => resolve({ ok: true, text: "t" }), 200)),
      inspect: slow,
    });
    const host = new ToolchainHost(spawn, 100, 300);
    expect(await host.disassemble(new Uint8Array())).toEqual({ ok: true, text: "t" }); // cold: 400 ms
    const warm = await host.disassemble(new Uint8Array()); // warm: 100 ms
    expect(warm.ok).toBe(false);
    if (!warm.ok) expect(warm.message).toMatch(/took longer than 0.1 s/);
    host.dispose();
  });

  it("gives instrument and inspect time in proportion to the module's size", async () => {
    const MiB = 1024 * 1024;
    const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const { spawn, spawned } = toolchain({
      instrument: async (bytes) => {
        await after(bytes.byteLength > MiB ? 250 : 0);
        return { ok: false, kind: "invalid_module", message: "done" };
      },
      inspect: async (bytes) => {
        await after(bytes.byteLength > MiB ? 250 : 0);
        return { ok: false, message: "done" };
      },
    });
    // 50 ms for any call, 2 s more per MiB: 3 MiB get 6.05 s (ample for 250 ms of work on a
    // loaded machine), 1 byte gets 50 ms.
    const host = new ToolchainHost(spawn, 50, 0, 2_000);
    const big = new Uint8Array(3 * MiB);
    expect(await host.instrument(big, { maxMemoryBytes: 65_536 })).toMatchObject({
      message: "done",
    });
    expect(await host.inspect(big)).toEqual({ ok: false, message: "done" });
    expect(spawned).toHaveLength(1);
    // The same time for a small module is out of proportion: stopped at its own bound.
    const small = new ToolchainHost(
      toolchain({
        instrument: async () => {
          await after(250);
          return { ok: false, kind: "invalid_module", message: "done" };
        },
      }).spawn,
      50,
      0,
      2_000,
    );
    expect(await small.instrument(new Uint8Array(1), { maxMemoryBytes: 65_536 })).toMatchObject({
      message: expect.stringMatching(/took longer than 0.05 s/),
    });
    host.dispose();
    small.dispose();
  });

  it("a reply that fails its schema is a clear failure, and the worker is replaced", async () => {
    const { spawn, spawned } = toolchain({
      // A compiled module's bytes as a plain array, as a confused worker might send them.
      compileWat: async () => ({ ok: true, bytes: [0, 97] }) as never,
      instrument: async () => ({ ok: true, bytes: new Uint8Array([0]) }) as never,
      binaryenText: async () => ({ ok: true, utf8: "(module)" }) as never,
    });
    const host = new ToolchainHost(spawn);
    const compiled = await host.compileWat("(module)");
    expect(compiled).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^compiling the WAT failed: a malformed reply at bytes: .*; the toolchain was restarted$/,
      ),
    });
    expect(spawned[0]!.terminated).toBe(true);
    const instrumented = await host.instrument(new Uint8Array([0]), { maxMemoryBytes: 65_536 });
    expect(instrumented).toMatchObject({ ok: false, kind: "invalid_module" });
    if (!instrumented.ok)
      expect(instrumented.message).toMatch(/a malformed reply at fuelLimit|at originalSize/);
    expect(spawned).toHaveLength(2);
    expect(await host.binaryenText(new Uint8Array([0]))).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^binaryen: writing binaryen's text failed: a malformed reply at utf8/,
      ),
    });
    expect(spawned).toHaveLength(3);
    host.dispose();
  });

  it("passes on what the real toolchain says of real modules (WAT, GC, memory64, tags)", async () => {
    const fixture = (name: string) =>
      new Uint8Array(
        readFileSync(new URL(`../instrument/fixtures/wasm3/${name}`, import.meta.url)),
      );
    const { spawn } = toolchain({ compileWat, inspect: async (bytes) => inspect(bytes) });
    const host = new ToolchainHost(spawn);
    const wat = await host.compileWat(
      `(module (import "env" "log" (func (param i32))) (memory (export "m") 1 2)
        (tag $t (param i32)) (global (mut i64) (i64.const 0))
        (table 1 funcref) (func (export "f") (param f64) (result i32) i32.const 1))`,
    );
    expect(wat).toMatchObject({ ok: true, info: { exports: [{ name: "m" }, { name: "f" }] } });
    const utf8 = new TextEncoder().encode(";; binaryen's text\n(module)\n");
    const text = new ToolchainHost(
      toolchain({ binaryenText: async () => ({ ok: true, utf8 }) }).spawn,
    );
    expect(await text.binaryenText(new Uint8Array([0]))).toEqual({ ok: true, utf8 });
    text.dispose();
    for (const name of ["gc.wasm", "memory64.wasm"]) {
      // Every field passes the check unchanged (a schema that missed one would strip it).
      expect(await host.inspect(fixture(name)), name).toEqual(inspect(fixture(name)));
    }
    host.dispose();
  });
});
