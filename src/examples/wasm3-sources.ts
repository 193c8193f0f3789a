// WAT sources of the Wasm 3.0 examples the page compiles itself (wabt reads exnref and memory64
// text; it cannot read GC text, so the GC example is a prebuilt binary under public/examples/wasm3).

export const EXCEPTIONS_WAT = `;; Exception handling with exnref (Wasm 3.0): a tag thrown deep in a recursion and
;; caught in main, which returns its payload.
;; main(limit) looks for the first i whose square exceeds limit, one call deeper for each i
;; tried; the call that finds it throws $found(i). Every frame on the way out catches the
;; exception as an exnref (catch_all_ref), counts itself in $unwound and rethrows it (throw_ref);
;; main's try_table catches $found and returns i. main(1000) is 32, thrown 33 calls deep
;; and passed on by the 32 frames above the thrower (the exported global unwound is 32).
(module
  (tag $found (param i32))
  (global $unwound (export "unwound") (mut i32) (i32.const 0))

  (func $search (param $i i32) (param $limit i32)
    (local.get $i)
    (local.get $i)
    (i32.mul)
    (local.get $limit)
    (i32.gt_u)
    (if (then (throw $found (local.get $i))))
    (block $passing (result exnref)
      (try_table (catch_all_ref $passing)
        (call $search (i32.add (local.get $i) (i32.const 1)) (local.get $limit)))
      (return))
    ;; on the way out: count this frame, then pass the same exception on
    (global.set $unwound (i32.add (global.get $unwound) (i32.const 1)))
    (throw_ref))

  (func (export "main") (param $limit i32) (result i32)
    (global.set $unwound (i32.const 0))
    (block $caught (result i32)
      (try_table (catch $found $caught)
        (call $search (i32.const 0) (local.get $limit)))
      ;; $search only returns by throwing
      (unreachable))))
`;

export const MEMORY64_WAT = `;; A 64-bit memory (Wasm 3.0 memory64): addresses, sizes and memory.grow are i64.
;; main(n) grows the memory to hold one byte per number below n, runs the sieve of
;; Eratosthenes over it and returns how many primes are below n: main(1000000) is 78498.
;; memory.grow takes and returns i64 page counts here; the sandbox's memory cap still applies.
(module
  (memory $sieve i64 1)

  (func (export "main") (param $n i64) (result i64)
    (local $i i64) (local $multiple i64) (local $count i64) (local $pages i64)
    ;; pages needed for n bytes, beyond the one there is
    (local.set $pages
      (i64.sub (i64.shr_u (i64.add (local.get $n) (i64.const 65535)) (i64.const 16))
               (memory.size)))
    (if (i64.gt_s (local.get $pages) (i64.const 0))
      (then
        (if (i64.eq (memory.grow (local.get $pages)) (i64.const -1))
          (then (unreachable)))))
    ;; byte i is 1 once i is known to be composite
    (local.set $i (i64.const 2))
    (block $done
      (loop $next
        (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            (local.set $count (i64.add (local.get $count) (i64.const 1)))
            (local.set $multiple (i64.mul (local.get $i) (local.get $i)))
            (block $marked
              (loop $mark
                (br_if $marked (i64.ge_u (local.get $multiple) (local.get $n)))
                (i32.store8 (local.get $multiple) (i32.const 1))
                (local.set $multiple (i64.add (local.get $multiple) (local.get $i)))
                (br $mark)))))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $next)))
    (local.get $count)))
`;
