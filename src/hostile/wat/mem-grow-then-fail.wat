;; Grows memory one page at a time until refused, then gives up with a trap: the cap was hit and
;; the guest failed, so the run must say memory_limit, not a bare trap.
(module
  (memory 1)
  (func (export "main")
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    unreachable))
