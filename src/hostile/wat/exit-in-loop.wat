;; proc_exit(255) from deep inside nested calls and a loop: it unwinds everything at once.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $inner (param $i i32)
    (if (i32.eq (local.get $i) (i32.const 5)) (then (call $exit (i32.const 255)))))
  (func (export "_start") (local $i i32)
    (loop $again
      (call $inner (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $again))))
