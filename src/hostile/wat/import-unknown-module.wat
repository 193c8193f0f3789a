;; Imports from a module the sandbox has never heard of.
(module
  (import "evil" "exec" (func (param i32)))
  (func (export "main") (result i32) (i32.const 0)))
