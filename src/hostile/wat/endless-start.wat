;; The start function never returns: the run must end during instantiation.
(module
  (func $boot (loop $forever (br $forever)))
  (start $boot)
  (func (export "main") (result i32) (i32.const 1)))
