;; memory.fill of 16 MiB in a loop. Priced as one instruction this would run for minutes; priced by
;; the bytes it touches, the budget runs out on the first few fills.
(module
  (memory 256)
  (func (export "main")
    (loop $again
      (memory.fill (i32.const 0) (i32.const 0xAB) (i32.const 0x1000000))
      (br $again))))
