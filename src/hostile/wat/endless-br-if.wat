;; br_if whose condition is computed at run time: $n stays odd, so it is never 0 and the loop
;; never ends, yet no engine can fold the branch away.
(module
  (func (export "main") (local $n i32)
    (local.set $n (i32.const 1))
    (loop $forever
      (local.set $n (i32.add (local.get $n) (i32.const 2)))
      (br_if $forever (i32.ne (local.get $n) (i32.const 0))))))
