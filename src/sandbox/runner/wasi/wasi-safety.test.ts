// Hostile and unusual guests: bad pointers trap with a clear message, never another host error.
import { describe, expect, it } from "vitest";
import { HostTrap, isGuestSignal } from "../guest-signals";
import { isWasiExit, isWasiTrap, toWasiError, WasiExit, WasiTrap } from "./errors";
import { importsOf, runWasi, testContext } from "./test-harness";
import { createWasiHost } from "./wasi-host";
import { guest, wat } from "./wat-helper";

const FD_WRITE = `(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))`;
const ERRNO_FBIG = 22;

async function trapOf(wasm: Uint8Array): Promise<unknown> {
  return runWasi(wasm).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("pointer safety", () => {
  it("an iovec array out of bounds traps, naming the function and pointer", async () => {
    const error = await trapOf(
      await guest(
        FD_WRITE,
        `(drop (call $fd_write (i32.const 1) (i32.const 0xfffffff0) (i32.const 1) (i32.const 0)))`,
      ),
    );
    expect(isWasiTrap(error)).toBe(true);
    expect(error).toBeInstanceOf(HostTrap); // the runner's trap signal
    expect((error as Error).message).toMatch(
      /^wasi fd_write: iovec array 0xfffffff0 \(\+8 bytes\) out of bounds/,
    );
  });

  it("an iovec whose buffer runs past the end traps (the shim would silently truncate it)", async () => {
    // iovec at 0 = { buf: 65530, len: 100 }
    const body = `(i32.store (i32.const 0) (i32.const 65530)) (i32.store (i32.const 4) (i32.const 100))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))`;
    const error = await trapOf(await guest(FD_WRITE, body));
    expect((error as Error).message).toMatch(
      /^wasi fd_write: iovec\[0\] buffer 0x0000fffa \(\+100 bytes\)/,
    );
  });

  it("a result pointer out of bounds traps before any output is written", async () => {
    const context = testContext();
    const body = `(i32.store (i32.const 0) (i32.const 8)) (i32.store (i32.const 4) (i32.const 2))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 65534)))`;
    const error = await runWasi(await guest(FD_WRITE, body, `(data (i32.const 8) "hi")`), {
      context,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^wasi fd_write: pointer 0x0000fffe \(\+4 bytes\)/);
    expect(context.text("stdout")).toBe("");
  });

  it.each([
    [
      "clock_time_get",
      "(param i32 i64 i32) (result i32)",
      "(i32.const 0) (i64.const 0) (i32.const 65535)",
    ],
    ["random_get", "(param i32 i32) (result i32)", "(i32.const 16) (i32.const 65536)"],
    ["args_sizes_get", "(param i32 i32) (result i32)", "(i32.const 0) (i32.const -1)"],
    ["args_get", "(param i32 i32) (result i32)", "(i32.const 0) (i32.const 65535)"],
    ["environ_get", "(param i32 i32) (result i32)", "(i32.const -4) (i32.const 0)"],
    [
      "fd_prestat_dir_name",
      "(param i32 i32 i32) (result i32)",
      "(i32.const 3) (i32.const 65535) (i32.const 2)",
    ],
    ["fd_filestat_get", "(param i32 i32) (result i32)", "(i32.const 1) (i32.const 65500)"],
    [
      "path_open",
      "(param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)",
      "(i32.const 3) (i32.const 0) (i32.const 65530) (i32.const 10) (i32.const 0) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 0)",
    ],
    [
      "poll_oneoff",
      "(param i32 i32 i32 i32) (result i32)",
      "(i32.const 0) (i32.const 100) (i32.const 2000) (i32.const 0)",
    ],
    [
      "fd_read",
      "(param i32 i32 i32 i32) (result i32)",
      "(i32.const 0) (i32.const 0) (i32.const 0x20000000) (i32.const 0)",
    ],
  ])("%s with a bad pointer is a trap", async (name, type, args) => {
    const imports = `(import "wasi_snapshot_preview1" "${name}" (func $f ${type}))`;
    const error = await trapOf(await guest(imports, `(drop (call $f ${args}))`));
    expect(isWasiTrap(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`^wasi ${name}: .* out of bounds`));
  });

  it("sees memory grown during the run (fresh views every call)", async () => {
    const body = `(drop (memory.grow (i32.const 1)))
      (i32.store (i32.const 70000) (i32.const 70016)) (i32.store (i32.const 70004) (i32.const 3))
      (i32.store (i32.const 70016) (i32.const 0x0a6b6f))
      (drop (call $fd_write (i32.const 1) (i32.const 70000) (i32.const 1) (i32.const 70008)))`;
    const run = await runWasi(await guest(FD_WRITE, body));
    expect(run.stdout).toBe("ok\n");
  });

  it("a WASI call from a start function, before the memory exists, is a trap", async () => {
    const host = createWasiHost({ context: testContext() });
    const wasm = await wat(`(module ${FD_WRITE} (memory (export "memory") 1)
      (func $s (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0))))
      (start $s))`);
    const error = await WebAssembly.instantiate(wasm, importsOf(host)).catch((e: unknown) => e);
    expect(isWasiTrap(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^wasi fd_write: called before the guest's memory is available/,
    );
  });

  it("a write that would grow a file past the cap gets ERRNO_FBIG, not a host allocation", async () => {
    const imports = `${FD_WRITE}
      (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_pwrite" (func $pwrite (param i32 i32 i32 i64 i32) (result i32)))`;
    const wasm = await wat(`(module ${imports} (memory (export "memory") 1)
      (data (i32.const 100) "f.txt")
      (global $r (export "result") (mut i32) (i32.const -1))
      (func (export "_start")
        (drop (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 5) (i32.const 0)
          (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 200)))
        (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 5))
        (global.set $r (call $pwrite (i32.load (i32.const 200)) (i32.const 0) (i32.const 1)
          (i64.const 0x10000000000) (i32.const 8)))))`);
    const host = createWasiHost({ context: testContext(), files: [{ path: "/f.txt", data: "" }] });
    const { instance } = await WebAssembly.instantiate(new Uint8Array(wasm), importsOf(host));
    host.bindInstance(instance);
    (instance.exports._start as () => void)();
    expect((instance.exports.result as WebAssembly.Global).value).toBe(ERRNO_FBIG);
    expect(host.readFiles()["/f.txt"].byteLength).toBe(0);
  });
});

describe("exit and error classification", () => {
  it("proc_exit throws WasiExit; later WASI calls throw it again", async () => {
    const imports = `${FD_WRITE} (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))`;
    const host = createWasiHost({ context: testContext() });
    const wasm = await guest(imports, `(call $exit (i32.const -1))`);
    const { instance } = await WebAssembly.instantiate(new Uint8Array(wasm), importsOf(host));
    host.bindInstance(instance);
    const error = (() => {
      try {
        (instance.exports._start as () => void)();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WasiExit);
    expect(isGuestSignal(error)).toBe(false); // an exit is never taken for a trap
    expect(isWasiExit(error) && error.code).toBe(-1);
    expect(host.exitCode()).toBe(-1);
    expect(() => host.module.functions.fd_write.fn(1, 0, 0, 0)).toThrow(WasiExit);
  });

  it("proc_exit(0) is an exit with code 0 (success for the runner)", async () => {
    const imports = `(import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))`;
    const run = await runWasi(await guest(imports, `(call $exit (i32.const 0))`));
    expect(run.exitCode).toBe(0);
  });

  it("the output-limit signal from HostContext.write passes through unchanged", async () => {
    const signal = new Error("output limit");
    const context = {
      ...testContext(),
      write: () => {
        throw signal;
      },
    };
    const body = `(i32.store (i32.const 0) (i32.const 8)) (i32.store (i32.const 4) (i32.const 2))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))`;
    const error = await runWasi(await guest(FD_WRITE, body), { context }).catch((e: unknown) => e);
    expect(error).toBe(signal);
  });

  it("toWasiError: RangeErrors become traps, except a stack overflow", () => {
    expect(
      toWasiError("fd_read", new RangeError("Offset is outside the bounds of the DataView")),
    ).toBeInstanceOf(WasiTrap);
    const overflow = new RangeError("Maximum call stack size exceeded");
    expect(toWasiError("fd_read", overflow)).toBe(overflow);
  });

  it("sockets and proc_raise answer with an errno instead of throwing", () => {
    const { functions } = createWasiHost({ context: testContext() }).module;
    expect(functions.sock_accept.fn(3, 0, 0)).toBe(58); // ERRNO_NOTSUP
    expect(functions.sock_recv.fn(3, 0, 0, 0, 0, 0)).toBe(58);
    expect(functions.proc_raise.fn(6)).toBe(52); // ERRNO_NOSYS
    expect(functions.sched_yield.fn()).toBe(0);
  });
});
