;; A 10-million-element table at instantiation (~80 MB of host memory, outside the memory cap).
(module
  (table 10000000 funcref)
  (func (export "main") (result i32) (i32.const 0)))
