;; i64 remainder by zero; the divisor lives in a mutable global so it cannot be folded.
(module
  (global $d (mut i64) (i64.const 0))
  (func (export "main") (result i64)
    (i64.rem_u (i64.const 7) (global.get $d))))
