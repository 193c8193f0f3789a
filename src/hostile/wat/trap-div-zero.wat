;; The divisor comes from a parameter so it cannot be folded at compile time.
(module
  (func (export "main") (param $d i32) (result i32)
    (i32.div_s (i32.const 7) (local.get $d))))
