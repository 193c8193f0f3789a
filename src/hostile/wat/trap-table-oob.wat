;; call_indirect past the end of the table.
(module
  (type $t (func (result i32)))
  (table 1 funcref)
  (func (export "main") (result i32)
    (call_indirect (type $t) (i32.const 1000))))
