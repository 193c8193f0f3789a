;; Writes a greeting through the host's env.log(ptr, len), which reads UTF-8 text
;; from this module's memory.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "Hello from WebAssembly!")
  (func (export "main")
    (call $log (i32.const 16) (i32.const 23))))
