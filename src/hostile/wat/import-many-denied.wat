;; Several forbidden imports of every kind, beside an allowed one: every denied one is named.
(module
  (import "env" "log" (func (param i32 i32)))
  (import "env" "secret" (global i32))
  (import "host" "table" (table 1 funcref))
  (import "wasi_snapshot_preview1" "path_open"
    (func (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (func (export "main") (result i32) (i32.const 0)))
