;; An endless ping-pong through the table: return_call_indirect picks the other function each time.
(module
  (type $t (func (param i32)))
  (table 2 funcref)
  (elem (i32.const 0) $a $b)
  (func $a (export "main") (param $i i32)
    (return_call_indirect (type $t) (i32.const 1) (i32.const 1)))
  (func $b (param $i i32)
    (return_call_indirect (type $t) (i32.const 0) (i32.const 0))))
