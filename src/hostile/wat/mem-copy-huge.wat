;; memory.copy of 8 MiB in a loop: must cost fuel by size, like memory.fill.
(module
  (memory 256)
  (func (export "main")
    (loop $again
      (memory.copy (i32.const 0) (i32.const 0x800000) (i32.const 0x800000))
      (br $again))))
