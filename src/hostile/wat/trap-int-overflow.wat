;; INT_MIN / -1 has no i32 result.
(module
  (func (export "main") (param $d i32) (result i32)
    (i32.div_s (i32.const 0x80000000) (local.get $d))))
