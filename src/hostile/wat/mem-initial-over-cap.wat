;; Declares 100 pages (6.25 MiB) up front: refused before running under a smaller cap.
(module
  (memory 100)
  (func (export "main") (result i32) (i32.const 0)))
