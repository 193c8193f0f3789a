;; A binary tree built from GC structs and arrays, then summed (Wasm 3.0 GC).
;; Each node is a struct holding its number and an array of its children (empty for a leaf).
;; main(depth) builds the complete tree of that depth, numbering the nodes 1, 2, 3, … level by
;; level (node k has children 2k and 2k+1), and returns the sum of the numbers: for depth d there
;; are n = 2^d - 1 nodes, so the sum is n(n+1)/2 (depth 10: 1,023 nodes, 523,776).
;;
;; The page's WAT compiler (wabt) cannot read GC text, so this example runs the binary built from
;; this file by scripts/build-wasm3-examples.mjs (wasm-tools parse).
(module
  (rec
    (type $node (struct (field $number i32) (field $children (ref $children))))
    (type $children (array (ref $node))))

  ;; The subtree rooted at node `number`, with `depth` levels (depth >= 1).
  (func $build (param $number i32) (param $depth i32) (result (ref $node))
    local.get $number
    local.get $depth
    i32.const 1
    i32.eq
    if (result (ref $children))
      array.new_fixed $children 0
    else
      ;; children 2k and 2k+1, one level shallower
      local.get $number
      i32.const 1
      i32.shl
      local.get $depth
      i32.const 1
      i32.sub
      call $build
      local.get $number
      i32.const 1
      i32.shl
      i32.const 1
      i32.or
      local.get $depth
      i32.const 1
      i32.sub
      call $build
      array.new_fixed $children 2
    end
    struct.new $node)

  ;; The node's number plus the sums of its children's subtrees.
  (func $sum (param $tree (ref $node)) (result i32)
    (local $children (ref $children)) (local $i i32) (local $total i32)
    local.get $tree
    struct.get $node $number
    local.set $total
    local.get $tree
    struct.get $node $children
    local.set $children
    block $done
      loop $each
        local.get $i
        local.get $children
        array.len
        i32.ge_u
        br_if $done
        local.get $children
        local.get $i
        array.get $children
        call $sum
        local.get $total
        i32.add
        local.set $total
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $each
      end
    end
    local.get $total)

  (func (export "main") (param $depth i32) (result i32)
    local.get $depth
    i32.const 1
    i32.lt_s
    if
      i32.const 0
      return
    end
    i32.const 1
    local.get $depth
    call $build
    call $sum))
