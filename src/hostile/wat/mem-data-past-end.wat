;; An active data segment that runs past the end of memory: instantiation must fail cleanly.
(module
  (memory 1)
  (data (i32.const 65530) "0123456789")
  (func (export "main") (result i32) (i32.const 0)))
