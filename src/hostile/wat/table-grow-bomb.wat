;; Grows a table by 100,000 elements at a time until refused, then fails: tables are outside the
;; memory cap unless the sandbox caps them too.
(module
  (table 1 funcref)
  (func (export "main")
    (loop $more
      (br_if $more
        (i32.ne (table.grow (ref.null func) (i32.const 100000)) (i32.const -1))))
    unreachable))
