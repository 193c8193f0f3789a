;; The profile recorder's hot path (recorder.ts embeds its bytes, recorder-module.ts): a
;; profiled build calls enter and settle at every function's entry and exit through its hook
;; table (instrument/profile-pass.ts), wasm to wasm, so a call costs a few dozen instructions
;; and no trip into JavaScript. The host (recorder.ts) lays the memory out and is called only
;; for a call path not seen before (miss) and for a deeper stack (growStack).
;;
;; A node (a call path) is 32 bytes at $nodes + node * 32:
;;   func i32 @0, parent i32 @4 (a node number), next i32 @8 (the next node number in its hash
;;   bucket; 0 ends), child i32 @12 (the address of the node entered last from this one, the
;;   root's when none), calls f64 @16, self f64 @24.
;; Node 0 is the root ("outside any function", func -1). The stack holds node addresses, frame
;; 0 = the root's; $top is the top frame's, so a charge reads no stack. A bucket ($buckets +
;; hash * 4) holds its first node; hash = ((parent * 0x9E3779B1 + func) * 0x85EBCA6B) >>>
;; $shift, the same as recorder.ts's pathHash. Most calls repeat the call path entered last
;; from their caller (a loop calling a function, a recursion), so enter tries the caller's
;; child before it hashes. Addresses move when the nodes grow: the host rewrites them.
(module
  (import "p" "miss" (func $miss (param i32 i32) (result i32)))
  (import "p" "growStack" (func $growStack))
  (memory (export "memory") 1)
  (global $depth (export "depth") (mut i32) (i32.const 0))
  (global $last (export "last") (mut f64) (f64.const 0))
  (global $top (export "top") (mut i32) (i32.const 0))
  (global $stack (export "stack") (mut i32) (i32.const 0))
  (global $stackCap (export "stackCap") (mut i32) (i32.const 0))
  (global $buckets (export "buckets") (mut i32) (i32.const 0))
  (global $shift (export "shift") (mut i32) (i32.const 0))
  (global $nodes (export "nodes") (mut i32) (i32.const 0))

  ;; The address of the child of the node at `caller` for `func`, found in the hash or added.
  (func $lookup (param $caller i32) (param $func i32) (result i32)
    (local $parent i32) (local $node i32) (local $rec i32)
    (local.set $parent
      (i32.shr_u (i32.sub (local.get $caller) (global.get $nodes)) (i32.const 5)))
    (local.set $node
      (i32.load
        (i32.add (global.get $buckets)
          (i32.shl
            (i32.shr_u
              (i32.mul
                (i32.add (i32.mul (local.get $parent) (i32.const 0x9E3779B1)) (local.get $func))
                (i32.const 0x85EBCA6B))
              (global.get $shift))
            (i32.const 2)))))
    (loop $probe
      (if (i32.eqz (local.get $node))
        (then
          ;; miss may move the nodes: their address is read after it
          (local.set $node (call $miss (local.get $parent) (local.get $func)))
          (return (i32.add (global.get $nodes) (i32.shl (local.get $node) (i32.const 5))))))
      (local.set $rec (i32.add (global.get $nodes) (i32.shl (local.get $node) (i32.const 5))))
      (if (i32.and
            (i32.eq (i32.load (local.get $rec)) (local.get $func))
            (i32.eq (i32.load offset=4 (local.get $rec)) (local.get $parent)))
        (then (return (local.get $rec))))
      (local.set $node (i32.load offset=8 (local.get $rec)))
      (br $probe))
    (unreachable))

  ;; A function was entered; returns the stack's depth with it. The fuel since the last hook
  ;; goes to the caller's node (on top until now).
  (func (export "enter") (param $func i32) (param $consumed f64) (result i32)
    (local $caller i32) (local $rec i32)
    (local.set $caller (global.get $top))
    (f64.store offset=24 (local.get $caller)
      (f64.add (f64.load offset=24 (local.get $caller))
        (f64.sub (local.get $consumed) (global.get $last))))
    (global.set $last (local.get $consumed))
    (local.set $rec (i32.load offset=12 (local.get $caller)))
    (if (i32.ne (i32.load (local.get $rec)) (local.get $func))
      (then
        (local.set $rec (call $lookup (local.get $caller) (local.get $func)))
        ;; the caller's address as the host left it (it rewrites the stack when nodes move)
        (i32.store offset=12
          (i32.load (i32.add (global.get $stack) (i32.shl (global.get $depth) (i32.const 2))))
          (local.get $rec))))
    (f64.store offset=16 (local.get $rec)
      (f64.add (f64.load offset=16 (local.get $rec)) (f64.const 1)))
    (global.set $top (local.get $rec))
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (if (i32.ge_u (global.get $depth) (global.get $stackCap)) (then (call $growStack)))
    (i32.store
      (i32.add (global.get $stack) (i32.shl (global.get $depth) (i32.const 2)))
      (local.get $rec))
    (global.get $depth))

  ;; The stack is back to `depth` frames (a return, a tail call, a caught exception).
  (func (export "settle") (param $depth i32) (param $consumed f64)
    (f64.store offset=24 (global.get $top)
      (f64.add (f64.load offset=24 (global.get $top))
        (f64.sub (local.get $consumed) (global.get $last))))
    (global.set $last (local.get $consumed))
    (if (i32.and
          (i32.ge_s (local.get $depth) (i32.const 0))
          (i32.lt_s (local.get $depth) (global.get $depth)))
      (then
        (global.set $depth (local.get $depth))
        (global.set $top
          (i32.load (i32.add (global.get $stack) (i32.shl (local.get $depth) (i32.const 2))))))))
)
