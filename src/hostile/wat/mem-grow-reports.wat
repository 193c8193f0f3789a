;; Grows until refused and returns the page count reached: a refused grow is a normal -1, and a
;; guest that copes with it succeeds.
(module
  (memory 1)
  (func (export "main") (result i32)
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (memory.size)))
