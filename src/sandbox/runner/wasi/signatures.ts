// The wasm signature of every function of WASI preview 1, as the runner must see it imported.
//
// Spec followed: `wasi_snapshot_preview1` as defined by WebAssembly/WASI
// `legacy/preview1/witx/wasi_snapshot_preview1.witx` (the frozen preview 1 snapshot; the same
// 46 functions as `phases/snapshot/witx` at tag snapshot-01). Names are spelled as the witx
// spells them. The table is checked in signatures.test.ts against the imports wasi-libc emits
// (fixtures/all-imports.c), so it is the ABI real toolchains produce, not a reading of the witx.
//
// Lowering rules that give these types: every handle, pointer, size, flag set and enum is an i32
// (all unsigned in the witx); u64/s64 values (timestamps, file sizes, rights, offsets) are i64;
// every function returns its errno as an i32, except proc_exit, which does not return.
import type { FuncSignature } from "../../inspect/module-info";

export const WASI_MODULE = "wasi_snapshot_preview1";

/** Builds a signature from a compact spelling: "i32 i64 i32" → (i32, i64, i32) -> i32. */
function errnoFn(params: string): FuncSignature {
  return { params: params ? params.split(" ") : [], results: ["i32"] };
}

export const WASI_SIGNATURES = {
  args_get: errnoFn("i32 i32"),
  args_sizes_get: errnoFn("i32 i32"),
  environ_get: errnoFn("i32 i32"),
  environ_sizes_get: errnoFn("i32 i32"),
  clock_res_get: errnoFn("i32 i32"),
  clock_time_get: errnoFn("i32 i64 i32"),
  fd_advise: errnoFn("i32 i64 i64 i32"),
  fd_allocate: errnoFn("i32 i64 i64"),
  fd_close: errnoFn("i32"),
  fd_datasync: errnoFn("i32"),
  fd_fdstat_get: errnoFn("i32 i32"),
  fd_fdstat_set_flags: errnoFn("i32 i32"),
  fd_fdstat_set_rights: errnoFn("i32 i64 i64"),
  fd_filestat_get: errnoFn("i32 i32"),
  fd_filestat_set_size: errnoFn("i32 i64"),
  fd_filestat_set_times: errnoFn("i32 i64 i64 i32"),
  fd_pread: errnoFn("i32 i32 i32 i64 i32"),
  fd_prestat_get: errnoFn("i32 i32"),
  fd_prestat_dir_name: errnoFn("i32 i32 i32"),
  fd_pwrite: errnoFn("i32 i32 i32 i64 i32"),
  fd_read: errnoFn("i32 i32 i32 i32"),
  fd_readdir: errnoFn("i32 i32 i32 i64 i32"),
  fd_renumber: errnoFn("i32 i32"),
  fd_seek: errnoFn("i32 i64 i32 i32"),
  fd_sync: errnoFn("i32"),
  fd_tell: errnoFn("i32 i32"),
  fd_write: errnoFn("i32 i32 i32 i32"),
  path_create_directory: errnoFn("i32 i32 i32"),
  path_filestat_get: errnoFn("i32 i32 i32 i32 i32"),
  path_filestat_set_times: errnoFn("i32 i32 i32 i32 i64 i64 i32"),
  path_link: errnoFn("i32 i32 i32 i32 i32 i32 i32"),
  path_open: errnoFn("i32 i32 i32 i32 i32 i64 i64 i32 i32"),
  path_readlink: errnoFn("i32 i32 i32 i32 i32 i32"),
  path_remove_directory: errnoFn("i32 i32 i32"),
  path_rename: errnoFn("i32 i32 i32 i32 i32 i32"),
  path_symlink: errnoFn("i32 i32 i32 i32 i32"),
  path_unlink_file: errnoFn("i32 i32 i32"),
  poll_oneoff: errnoFn("i32 i32 i32 i32"),
  proc_exit: { params: ["i32"], results: [] },
  // Still in the preview 1 witx though wasi-libc no longer imports it.
  proc_raise: errnoFn("i32"),
  sched_yield: errnoFn(""),
  random_get: errnoFn("i32 i32"),
  sock_accept: errnoFn("i32 i32 i32"),
  sock_recv: errnoFn("i32 i32 i32 i32 i32 i32"),
  sock_send: errnoFn("i32 i32 i32 i32 i32"),
  sock_shutdown: errnoFn("i32 i32"),
} as const satisfies Record<string, FuncSignature>;

export type WasiFunctionName = keyof typeof WASI_SIGNATURES;

export const WASI_FUNCTION_NAMES = Object.keys(WASI_SIGNATURES) as WasiFunctionName[];

/**
 * The i64 parameters the witx types as signed (`filedelta`). Every other i64 is unsigned, and
 * every i32 is unsigned, so the host reads them with `>>> 0` / `BigInt.asUintN(64, …)`.
 */
export const SIGNED_I64_PARAMS: Partial<Record<WasiFunctionName, readonly number[]>> = {
  fd_seek: [1],
};
