;; Allocates host-side (JS) resources through WASI in a loop: creates a new file in the in-memory
;; file system every iteration and tries to write 64 KiB into it, ignoring every error. The file
;; system's byte budget must refuse the writes (ERRNO_FBIG) and fuel must end the loop.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (memory (export "memory") 2)
  ;; The file name: 8 letters a..p spelling the counter, at 64.
  (func $name (param $n i32) (local $i i32)
    (loop $digit
      (i32.store8 (i32.add (i32.const 64) (local.get $i))
        (i32.add (i32.const 97)
          (i32.and (i32.shr_u (local.get $n) (i32.shl (local.get $i) (i32.const 2))) (i32.const 15))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $digit (i32.lt_u (local.get $i) (i32.const 8)))))
  (func (export "_start") (local $n i32) (local $fd i32)
    ;; iovec at 0: { buf = 0x10000, len = 0x10000 }
    (i32.store (i32.const 0) (i32.const 0x10000))
    (i32.store (i32.const 4) (i32.const 0x10000))
    (loop $again
      (call $name (local.get $n))
      ;; path_open(fd 3 = "/", O_CREAT, all rights) → fd at 32
      (drop (call $path_open (i32.const 3) (i32.const 0) (i32.const 64) (i32.const 8)
        (i32.const 1) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 32)))
      (local.set $fd (i32.load (i32.const 32)))
      (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 16)))
      (drop (call $fd_close (local.get $fd)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $again))))
