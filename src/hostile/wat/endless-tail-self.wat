;; Direct recursion through return_call: no stack growth, so only fuel or the watchdog end it.
(module
  (func $spin (export "main") (param $n i32)
    (return_call $spin (i32.add (local.get $n) (i32.const 1)))))
