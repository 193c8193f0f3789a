;; The original design's first test: a module whose main returns 42.
(module
  (func (export "main") (result i32)
    i32.const 42))
