;; The well-behaved module run after every hostile case: sum 1..10 in a loop, returns 55.
(module
  (func (export "main") (result i32)
    (local $i i32) (local $sum i32)
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $sum (i32.add (local.get $sum) (local.get $i)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10))))
    (local.get $sum)))
