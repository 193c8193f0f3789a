;; The profile recorder's hot path (recorder.ts embeds its bytes, recorder-module.ts): a
;; profiled build calls enter and settle at every function's entry and exit through its hook
;; table (instrument/profile-pass.ts), wasm to wasm, so a call costs a few dozen instructions
;; and no trip into JavaScript. The host (recorder.ts) lays the memory out and is called only
;; for a call path not seen before (miss) and for a deeper stack (growStack).
;;
;; A node (a call path) is 32 bytes at $nodes + node * 32:
;;   func i32 @0, parent i32 @4, next i32 @8 (the next node in its hash bucket; 0 ends),
;;   calls f64 @16, self f64 @24.
;; Node 0 is the root ("outside any function"). The stack holds node numbers, frame 0 = node 0.
;; A bucket ($buckets + hash * 4) holds its first node; hash = ((parent * 0x9E3779B1 + func)
;; * 0x85EBCA6B) >>> $shift, the same as recorder.ts's pathHash.
(module
  (import "p" "miss" (func $miss (param i32 i32) (result i32)))
  (import "p" "growStack" (func $growStack))
  (memory (export "memory") 1)
  (global $depth (export "depth") (mut i32) (i32.const 0))
  (global $last (export "last") (mut f64) (f64.const 0))
  (global $stack (export "stack") (mut i32) (i32.const 0))
  (global $stackCap (export "stackCap") (mut i32) (i32.const 0))
  (global $buckets (export "buckets") (mut i32) (i32.const 0))
  (global $shift (export "shift") (mut i32) (i32.const 0))
  (global $nodes (export "nodes") (mut i32) (i32.const 0))

  ;; The fuel since the last hook goes to the node on top of the stack.
  (func $charge (param $consumed f64)
    (local $rec i32)
    (local.set $rec
      (i32.add (global.get $nodes)
        (i32.shl
          (i32.load (i32.add (global.get $stack) (i32.shl (global.get $depth) (i32.const 2))))
          (i32.const 5))))
    (f64.store offset=24 (local.get $rec)
      (f64.add (f64.load offset=24 (local.get $rec))
        (f64.sub (local.get $consumed) (global.get $last))))
    (global.set $last (local.get $consumed)))

  ;; A function was entered; returns the stack's depth with it.
  (func (export "enter") (param $func i32) (param $consumed f64) (result i32)
    (local $top i32) (local $node i32) (local $rec i32)
    (call $charge (local.get $consumed))
    (local.set $top
      (i32.load (i32.add (global.get $stack) (i32.shl (global.get $depth) (i32.const 2)))))
    (local.set $node
      (i32.load
        (i32.add (global.get $buckets)
          (i32.shl
            (i32.shr_u
              (i32.mul
                (i32.add (i32.mul (local.get $top) (i32.const 0x9E3779B1)) (local.get $func))
                (i32.const 0x85EBCA6B))
              (global.get $shift))
            (i32.const 2)))))
    (block $found
      (loop $probe
        (if (i32.eqz (local.get $node))
          (then
            (local.set $node (call $miss (local.get $top) (local.get $func)))
            (br $found)))
        (local.set $rec (i32.add (global.get $nodes) (i32.shl (local.get $node) (i32.const 5))))
        (br_if $found
          (i32.and
            (i32.eq (i32.load (local.get $rec)) (local.get $func))
            (i32.eq (i32.load offset=4 (local.get $rec)) (local.get $top))))
        (local.set $node (i32.load offset=8 (local.get $rec)))
        (br $probe)))
    (local.set $rec (i32.add (global.get $nodes) (i32.shl (local.get $node) (i32.const 5))))
    (f64.store offset=16 (local.get $rec)
      (f64.add (f64.load offset=16 (local.get $rec)) (f64.const 1)))
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (if (i32.ge_u (global.get $depth) (global.get $stackCap)) (then (call $growStack)))
    (i32.store
      (i32.add (global.get $stack) (i32.shl (global.get $depth) (i32.const 2)))
      (local.get $node))
    (global.get $depth))

  ;; The stack is back to `depth` frames (a return, a tail call, a caught exception).
  (func (export "settle") (param $depth i32) (param $consumed f64)
    (call $charge (local.get $consumed))
    (if (i32.and
          (i32.ge_s (local.get $depth) (i32.const 0))
          (i32.lt_s (local.get $depth) (global.get $depth)))
      (then (global.set $depth (local.get $depth))))))
