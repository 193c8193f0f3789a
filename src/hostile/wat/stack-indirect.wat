;; Unbounded recursion through call_indirect.
(module
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $down)
  (func $down (export "main") (param $n i32) (result i32)
    (i32.add (call_indirect (type $t) (local.get $n) (i32.const 0)) (i32.const 1))))
