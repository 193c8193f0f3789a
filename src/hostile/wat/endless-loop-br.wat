;; The plainest endless loop: an unconditional branch back to the loop header.
(module
  (func (export "main")
    (loop $forever (br $forever))))
