;; Mutual recursion through return_call: ping and pong forever, in constant stack.
(module
  (func $ping (export "main") (param $n i32)
    (return_call $pong (i32.add (local.get $n) (i32.const 1))))
  (func $pong (param $n i32)
    (return_call $ping (i32.sub (local.get $n) (i32.const 1)))))
