// Test-only: a WAT guest whose exports are thin wrappers over the WASI file-system calls, so a
// test can drive a hostile sequence (open, write, unlink, link, rename, close…) step by step from
// JS and read every errno. Paths are written into the guest's memory by the wrapper.
import { importsOf, testContext } from "./test-harness";
import { createWasiHost, type WasiHost, type WasiHostOptions } from "./wasi-host";
import { wat } from "./wat-helper";

const P = "wasi_snapshot_preview1";
const SOURCE = `(module
  (import "${P}" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "${P}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "${P}" "fd_pwrite" (func $pwrite (param i32 i32 i32 i64 i32) (result i32)))
  (import "${P}" "fd_close" (func $close (param i32) (result i32)))
  (import "${P}" "fd_allocate" (func $allocate (param i32 i64 i64) (result i32)))
  (import "${P}" "fd_filestat_set_size" (func $set_size (param i32 i64) (result i32)))
  (import "${P}" "fd_renumber" (func $renumber (param i32 i32) (result i32)))
  (import "${P}" "path_unlink_file" (func $unlink (param i32 i32 i32) (result i32)))
  (import "${P}" "path_create_directory" (func $mkdir (param i32 i32 i32) (result i32)))
  (import "${P}" "path_remove_directory" (func $rmdir (param i32 i32 i32) (result i32)))
  (import "${P}" "path_link" (func $link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "${P}" "path_rename" (func $rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  ;; path A at 1024, path B at 2048, iovec at 0, result slot at 16, write buffer at 8192
  (func (export "open") (param $dir i32) (param $len i32) (param $oflags i32) (result i32)
    (local $e i32)
    (local.set $e (call $open (local.get $dir) (i32.const 0) (i32.const 1024) (local.get $len)
      (local.get $oflags) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 16)))
    (if (result i32) (local.get $e) (then (i32.sub (i32.const 0) (local.get $e)))
      (else (i32.load (i32.const 16)))))
  (func (export "write") (param $fd i32) (param $n i32) (result i32)
    (i32.store (i32.const 0) (i32.const 8192)) (i32.store (i32.const 4) (local.get $n))
    (call $write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 16)))
  (func (export "pwrite") (param $fd i32) (param $n i32) (param $at i64) (result i32)
    (i32.store (i32.const 0) (i32.const 8192)) (i32.store (i32.const 4) (local.get $n))
    (call $pwrite (local.get $fd) (i32.const 0) (i32.const 1) (local.get $at) (i32.const 16)))
  (func (export "close") (param i32) (result i32) (call $close (local.get 0)))
  (func (export "allocate") (param i32 i64 i64) (result i32)
    (call $allocate (local.get 0) (local.get 1) (local.get 2)))
  (func (export "setSize") (param i32 i64) (result i32) (call $set_size (local.get 0) (local.get 1)))
  (func (export "renumber") (param i32 i32) (result i32) (call $renumber (local.get 0) (local.get 1)))
  (func (export "unlink") (param $dir i32) (param $len i32) (result i32)
    (call $unlink (local.get $dir) (i32.const 1024) (local.get $len)))
  (func (export "mkdir") (param $dir i32) (param $len i32) (result i32)
    (call $mkdir (local.get $dir) (i32.const 1024) (local.get $len)))
  (func (export "rmdir") (param $dir i32) (param $len i32) (result i32)
    (call $rmdir (local.get $dir) (i32.const 1024) (local.get $len)))
  (func (export "link") (param $a i32) (param $b i32) (result i32)
    (call $link (i32.const 3) (i32.const 0) (i32.const 1024) (local.get $a)
      (i32.const 3) (i32.const 2048) (local.get $b)))
  (func (export "rename") (param $from i32) (param $a i32) (param $to i32) (param $b i32) (result i32)
    (call $rename (local.get $from) (i32.const 1024) (local.get $a)
      (local.get $to) (i32.const 2048) (local.get $b))))`;

let compiled: Promise<Uint8Array> | undefined;

const ROOT = 3;

export interface FsGuest {
  host: WasiHost;
  /** path_open (CREAT, plus TRUNC/DIRECTORY when asked) under `dir`: the new fd, or -errno. */
  open(path: string, how?: { trunc?: boolean; directory?: boolean; dir?: number }): number;
  write(fd: number, bytes: number): number;
  pwrite(fd: number, bytes: number, at: bigint): number;
  close(fd: number): number;
  allocate(fd: number, offset: bigint, length: bigint): number;
  setSize(fd: number, size: bigint): number;
  renumber(fd: number, to: number): number;
  unlink(path: string, dir?: number): number;
  mkdir(path: string, dir?: number): number;
  rmdir(path: string, dir?: number): number;
  link(from: string, to: string): number;
  rename(from: string, to: string, dirs?: { from: number; to: number }): number;
}

export async function fsGuest(options: Partial<WasiHostOptions> = {}): Promise<FsGuest> {
  compiled ??= wat(SOURCE);
  const host = createWasiHost({ context: testContext(), ...options });
  const { instance } = await WebAssembly.instantiate(
    new Uint8Array(await compiled),
    importsOf(host),
  );
  host.bindInstance(instance);
  const x = instance.exports as Record<string, (...args: (number | bigint)[]) => number>;
  const memory = instance.exports.memory as WebAssembly.Memory;
  const put = (at: number, text: string) => {
    const bytes = new TextEncoder().encode(text);
    new Uint8Array(memory.buffer, at, bytes.length).set(bytes);
    return bytes.length;
  };
  return {
    host,
    open: (path, how = {}) =>
      x.open(how.dir ?? ROOT, put(1024, path), 1 | (how.directory ? 2 : 0) | (how.trunc ? 8 : 0)),
    write: (fd, bytes) => x.write(fd, bytes),
    pwrite: (fd, bytes, at) => x.pwrite(fd, bytes, at),
    close: (fd) => x.close(fd),
    allocate: (fd, offset, length) => x.allocate(fd, offset, length),
    setSize: (fd, size) => x.setSize(fd, size),
    renumber: (fd, to) => x.renumber(fd, to),
    unlink: (path, dir = ROOT) => x.unlink(dir, put(1024, path)),
    mkdir: (path, dir = ROOT) => x.mkdir(dir, put(1024, path)),
    rmdir: (path, dir = ROOT) => x.rmdir(dir, put(1024, path)),
    link: (from, to) => x.link(put(1024, from), put(2048, to)),
    rename: (from, to, dirs = { from: ROOT, to: ROOT }) =>
      x.rename(dirs.from, put(1024, from), dirs.to, put(2048, to)),
  };
}
