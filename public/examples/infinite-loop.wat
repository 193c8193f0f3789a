;; The original design's second test: a loop that never ends. With no fuel budget
;; only the wall-clock timeout stops it: the worker running it is terminated.
(module
  (func (export "main")
    (loop $forever
      (br $forever))))
