;; A trap three calls deep, after output was written: the output so far is kept.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "before the trap")
  (func $c (unreachable))
  (func $b (call $c))
  (func $a (call $log (i32.const 0) (i32.const 15)) (call $b))
  (func (export "main") (call $a)))
