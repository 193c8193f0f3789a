;; An endless loop whose body is a host call: time is spent on both sides of the boundary.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory 1)
  (func (export "main")
    (loop $forever
      (call $log (i32.const 0) (i32.const 0))
      (br $forever))))
