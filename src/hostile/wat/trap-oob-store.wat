;; An i64 store that straddles the end of memory by one byte.
(module
  (memory 1)
  (func (export "main")
    (i64.store (i32.const 65529) (i64.const -1))))
