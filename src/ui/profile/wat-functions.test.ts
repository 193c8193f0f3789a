import { describe, expect, it } from "vitest";
import { watFunctions } from "./wat-functions";

describe("watFunctions", () => {
  it("numbers imports first, then defined functions, with names and line ranges", () => {
    const source = `(module
  (type $t (func (param i32)))        ;; a (func in a type is not a function
  (func $twice (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 2)))
  (import "env" "log" (func $log (param i32 i32)))
  (; a (func $commented) ;)
  (func (export "main") (result i32)
    (call $twice (i32.const ")(func"))
  )
  (func $host (import "env" "now") (result f64))
  (export "twice" (func $twice))
)`;
    expect(watFunctions(source)).toEqual([
      { index: 0, name: "log", line: 5, endLine: 5 },
      { index: 1, name: "host", line: 10, endLine: 10 },
      { index: 2, name: "twice", line: 3, endLine: 4 },
      { index: 3, name: undefined, line: 7, endLine: 9 },
    ]);
  });

  it("reads a source without (module …) and nested block comments", () => {
    const source = `(; outer (; inner ;) (func $no) ;)
(func $a)
(func $b (param $x i32))`;
    expect(watFunctions(source).map((f) => [f.index, f.name, f.line])).toEqual([
      [0, "a", 2],
      [1, "b", 3],
    ]);
  });

  it("ignores functions inside other lists (types, exports, elements)", () => {
    const source = `(module (table 1 funcref) (elem (i32.const 0) func $f) (func $f) (export "f" (func $f)))`;
    expect(watFunctions(source)).toEqual([{ index: 0, name: "f", line: 1, endLine: 1 }]);
  });
});
