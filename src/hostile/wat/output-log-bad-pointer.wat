;; Hands env.log a pointer past the end of memory: the host must trap, not throw or read garbage.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory 1)
  (func (export "main")
    (call $log (i32.const 65000) (i32.const 4096))))
