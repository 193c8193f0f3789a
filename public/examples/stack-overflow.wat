;; Recursion without a base case: the call stack runs out long before the fuel.
(module
  (func $down (export "main") (param $depth i32) (result i32)
    (i32.add
      (call $down (i32.add (local.get $depth) (i32.const 1)))
      (i32.const 1))))
