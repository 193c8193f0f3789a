;; A trap during instantiation, in the start function.
(module
  (func $boot (drop (i32.div_u (i32.const 1) (i32.const 0))))
  (start $boot)
  (func (export "main") (result i32) (i32.const 1)))
