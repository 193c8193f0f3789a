;; A loop whose body is a plain call_indirect to a function that itself loops a little.
(module
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $step)
  (func $step (param $x i32) (result i32)
    (i32.add (local.get $x) (i32.const 1)))
  (func (export "main") (local $x i32)
    (loop $forever
      (local.set $x (call_indirect (type $t) (local.get $x) (i32.const 0)))
      (br $forever))))
