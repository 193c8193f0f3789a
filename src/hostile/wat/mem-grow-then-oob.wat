;; Asks for 4 GiB at once, ignores the -1 and writes where the memory would have been.
(module
  (memory 1)
  (func (export "main")
    (drop (memory.grow (i32.const 65535)))
    (i32.store (i32.const 0x10000000) (i32.const 1))))
