;; call_indirect to a function of another type.
(module
  (type $want (func (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $other)
  (func $other (param i64) (result i64) (local.get 0))
  (func (export "main") (result i32)
    (call_indirect (type $want) (i32.const 0))))
