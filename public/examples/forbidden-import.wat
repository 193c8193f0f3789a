;; Asks the host for a function the sandbox does not offer. Every import is checked
;; against the allow-list before the module is instantiated, so the run is refused
;; before any of its code executes.
(module
  (import "env" "read_file" (func $read_file (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "/etc/passwd")
  (func (export "main") (result i32)
    (call $read_file (i32.const 0) (i32.const 11))))
