;; Adds up 0 .. 9,999,999: about 120 million instructions. A budget of 1,000,000
;; fuel runs out long before the end; without a budget it returns -2014260032
;; (the sum wrapped to 32 bits).
(module
  (func (export "main") (result i32)
    (local $i i32)
    (local $sum i32)
    (loop $again
      (local.set $sum (i32.add (local.get $sum) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10000000))))
    (local.get $sum)))
