;; Writes a 1 KiB line through env.log forever: the output cap must end it.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory 1)
  (func (export "main")
    (memory.fill (i32.const 0) (i32.const 0x41) (i32.const 1024))
    (loop $again
      (call $log (i32.const 0) (i32.const 1024))
      (br $again))))
