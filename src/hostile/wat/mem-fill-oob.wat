;; memory.fill that runs past the end of memory: a bounds trap, not a partial write.
(module
  (memory 1)
  (func (export "main")
    (memory.fill (i32.const 0) (i32.const 1) (i32.const 0x7fffffff))))
