;; A plausible module name with a name nobody provides.
(module
  (import "env" "system" (func (param i32 i32) (result i32)))
  (func (export "main") (result i32) (i32.const 0)))
