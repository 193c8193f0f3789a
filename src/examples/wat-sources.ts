// WAT sources of the examples. Those with a prebuilt binary are also kept, byte for byte, as
// public/examples/<id>.wat (built by scripts/build-examples.sh); sources.test.ts keeps both equal.

export const ANSWER_WAT = `;; The original design's first test: a module whose main returns 42.
(module
  (func (export "main") (result i32)
    i32.const 42))
`;

export const HELLO_LOG_WAT = `;; Writes a greeting through the host's env.log(ptr, len), which reads UTF-8 text
;; from this module's memory.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "Hello from WebAssembly!")
  (func (export "main")
    (call $log (i32.const 16) (i32.const 23))))
`;

export const INFINITE_LOOP_WAT = `;; The original design's second test: a loop that never ends. With no fuel budget
;; only the wall-clock timeout stops it: the worker running it is terminated.
(module
  (func (export "main")
    (loop $forever
      (br $forever))))
`;

export const FUEL_HUNGRY_WAT = `;; Adds up 0 .. 9,999,999: about 120 million instructions. A budget of 1,000,000
;; fuel runs out long before the end; without a budget it returns -2014260032
;; (the sum wrapped to 32 bits).
(module
  (func (export "main") (result i32)
    (local $i i32)
    (local $sum i32)
    (loop $again
      (local.set $sum (i32.add (local.get $sum) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10000000))))
    (local.get $sum)))
`;

export const MEMORY_BOMB_WAT = `;; Grows memory one 64 KiB page at a time until the host refuses (memory.grow
;; returns -1 once the sandbox's cap is reached), then traps the way an allocator's
;; out-of-memory check would.
(module
  (memory 1)
  (func (export "main")
    (loop $grow
      (br_if $grow (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    unreachable))
`;

export const FORBIDDEN_IMPORT_WAT = `;; Asks the host for a function the sandbox does not offer. Every import is checked
;; against the allow-list before the module is instantiated, so the run is refused
;; before any of its code executes.
(module
  (import "env" "read_file" (func $read_file (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "/etc/passwd")
  (func (export "main") (result i32)
    (call $read_file (i32.const 0) (i32.const 11))))
`;

export const STACK_OVERFLOW_WAT = `;; Recursion without a base case: the call stack runs out long before the fuel.
(module
  (func $down (export "main") (param $depth i32) (result i32)
    (i32.add
      (call $down (i32.add (local.get $depth) (i32.const 1)))
      (i32.const 1))))
`;
