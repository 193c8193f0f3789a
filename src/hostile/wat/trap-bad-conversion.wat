;; Truncating NaN (or anything out of range) to an integer traps.
(module
  (func (export "main") (param $x f64) (result i32)
    (i32.trunc_f64_s (f64.div (local.get $x) (local.get $x)))))
