;; Imports a memory whose initial size exceeds the cap.
(module
  (import "env" "memory" (memory 100))
  (func (export "main") (result i32) (i32.const 0)))
