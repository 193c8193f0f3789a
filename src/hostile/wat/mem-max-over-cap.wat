;; Maximum far above the cap, initial below: the maximum is lowered, so a big grow returns -1.
(module
  (memory 1 65536)
  (func (export "main") (result i32)
    (memory.grow (i32.const 1000))))
