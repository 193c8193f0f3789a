;; br_table whose every target (default included) is the loop header.
(module
  (func (export "main") (local $i i32)
    (loop $forever
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_table $forever $forever $forever (i32.and (local.get $i) (i32.const 3))))))
