;; proc_exit(3): a non-zero exit, reported as exit with its code.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 3)) unreachable))
