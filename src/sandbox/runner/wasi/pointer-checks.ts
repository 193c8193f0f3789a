// Checks, before browser_wasi_shim runs a call, every guest range that call will touch.
//
// The shim reads and writes guest memory through typed arrays that do not fail safely: `slice`
// and `subarray` clamp an out-of-range pointer to nothing (fd_write would silently drop output),
// `set` and DataView throw RangeErrors. So each delegated function declares its ranges here, in
// witx order of parameters, and a bad one traps before the shim is called. Sizes are the witx
// struct sizes: fdstat 24, filestat 64, prestat 8, filesize/timestamp 8, fd/size 4.
import type { GuestMemory } from "./guest-memory";

type Check = (m: GuestMemory, a: readonly number[]) => void;

/** For functions that touch no guest memory: they work even before the memory exists. */
export const NO_MEMORY: Check = () => {};

const out =
  (index: number, bytes: number): Check =>
  (m, a) =>
    m.check(a[index], bytes);
const buffer =
  (ptr: number, len: number, what = "buffer"): Check =>
  (m, a) =>
    m.check(a[ptr], a[len], what);
const path = (ptr: number, len: number) => buffer(ptr, len, "path");
const iovecs =
  (ptr: number, len: number): Check =>
  (m, a) =>
    void m.checkIovecs(a[ptr], a[len]);
const all =
  (...checks: Check[]): Check =>
  (m, a) => {
    for (const check of checks) check(m, a);
  };

/** Functions delegated to the shim, with the guest ranges each one touches. */
export const DELEGATED_CHECKS: Record<string, Check> = {
  fd_advise: NO_MEMORY,
  fd_allocate: NO_MEMORY,
  fd_close: NO_MEMORY,
  fd_datasync: NO_MEMORY,
  fd_fdstat_get: out(1, 24),
  fd_fdstat_set_flags: NO_MEMORY,
  fd_fdstat_set_rights: NO_MEMORY,
  fd_filestat_get: out(1, 64),
  fd_filestat_set_size: NO_MEMORY,
  fd_filestat_set_times: NO_MEMORY,
  fd_pread: all(iovecs(1, 2), out(4, 4)),
  fd_prestat_get: out(1, 8),
  fd_prestat_dir_name: path(1, 2),
  fd_pwrite: all(iovecs(1, 2), out(4, 4)),
  fd_read: all(iovecs(1, 2), out(3, 4)),
  fd_readdir: all(buffer(1, 2), out(4, 4)),
  fd_renumber: NO_MEMORY,
  fd_seek: out(3, 8),
  fd_sync: NO_MEMORY,
  fd_tell: out(1, 8),
  fd_write: all(iovecs(1, 2), out(3, 4)),
  path_create_directory: path(1, 2),
  path_filestat_get: all(path(2, 3), out(4, 64)),
  path_filestat_set_times: path(2, 3),
  path_link: all(path(2, 3), path(5, 6)),
  path_open: all(path(2, 3), out(8, 4)),
  path_readlink: all(path(1, 2), buffer(3, 4), out(5, 4)),
  path_remove_directory: path(1, 2),
  path_rename: all(path(1, 2), path(4, 5)),
  path_symlink: all(path(0, 1), path(3, 4)),
  path_unlink_file: path(1, 2),
};
