;; Recursion 2,000 deep that returns: deep is fine, only unbounded is an error.
(module
  (func $depth (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (call $depth (i32.sub (local.get $n) (i32.const 1))) (i32.const 1)))))
  (func (export "main") (result i32)
    (call $depth (i32.const 2000))))
