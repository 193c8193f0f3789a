;; Grows memory one 64 KiB page at a time until the host refuses (memory.grow
;; returns -1 once the sandbox's cap is reached), then traps the way an allocator's
;; out-of-memory check would.
(module
  (memory 1)
  (func (export "main")
    (loop $grow
      (br_if $grow (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    unreachable))
