;; call_indirect through a table slot that was never filled.
(module
  (type $t (func (result i32)))
  (table 4 funcref)
  (func (export "main") (result i32)
    (call_indirect (type $t) (i32.const 2))))
