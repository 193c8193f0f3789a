;; Imports its memory: the host provides it with the cap as its maximum. Grows to exactly the cap
;; (16 pages under a 1 MiB cap), then once more, which must fail with -1.
(module
  (import "env" "memory" (memory 1))
  (func (export "main") (result i32)
    (i32.store (i32.const 8) (i32.const 42))
    (drop (memory.grow (i32.const 15)))
    (i32.add
      (i32.add (memory.size) (i32.load (i32.const 8)))
      (memory.grow (i32.const 1)))))
