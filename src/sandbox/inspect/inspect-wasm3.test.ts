import { describe, expect, it } from "vitest";
import { formatType, inspect, INSPECT_LIMITS, type ModuleInfo } from "./index";

// wabt cannot parse rec groups; these bytes are wasm-tools' binary of:
// (module
//   (rec
//     (type $node (sub (struct (field $value i32) (field $next (mut (ref null $node))))))
//     (type $leaf (sub final $node (struct (field i32) (field (mut (ref null $node))) (field i8)))))
//   (type $bytes (array (mut i16)))
//   (type $thrower (func (param i32)))
//   (import "env" "boom" (tag $imported (param i32)))
//   (memory i64 1 4)
//   (table $t i64 2 10 funcref)
//   (tag $e (param i32))
//   (tag (param i64 f32))
//   (export "e" (tag $e)))
const WASM3 = Buffer.from(
  "0061736d010000000124044e0250005f027f006300014f01005f037f0063000178005e770160017f0060027e7d00" +
    "020d0103656e7604626f6f6d0400030405017005020a0504010501040d05020003000407050101650401003a046e" +
    "616d65041d0400046e6f646501046c6561660205627974657303077468726f7765720504010001740b0e02000869" +
    "6d706f72746564010165",
  "hex",
);

function info(bytes: Uint8Array): ModuleInfo {
  const result = inspect(bytes);
  if (!result.ok) throw new Error(result.message);
  return result.info;
}

describe("inspect: Wasm 3.0 types, tags, 64-bit memories and tables", () => {
  const module = info(WASM3);

  it("lists rec groups, subtyping, struct fields and array elements", () => {
    expect(module.typeCount).toBe(5);
    expect(module.types.map((t) => [t.recGroup, t.final, t.supertypes])).toEqual([
      [0, false, []],
      [0, true, [0]],
      [1, true, []],
      [2, true, []],
      [3, true, []],
    ]);
    expect(module.types[1]!.composite).toEqual({
      kind: "struct",
      fields: [
        { type: "i32", mutable: false },
        { type: "(ref null $0)", mutable: true },
        { type: "i8", mutable: false },
      ],
    });
    expect(module.types[2]!.composite).toEqual({
      kind: "array",
      element: { type: "i16", mutable: true },
    });
    expect(module.types.map(formatType)).toEqual([
      "(sub (struct (field i32) (field (mut (ref null $0)))))",
      "(sub final $0 (struct (field i32) (field (mut (ref null $0))) (field i8)))",
      "(array (mut i16))",
      "(func (param i32))",
      "(func (param i64 f32))",
    ]);
  });

  it("reads the tag section and tag imports and exports", () => {
    expect(module.tags).toEqual([
      { params: ["i32"], results: [] },
      { params: ["i64", "f32"], results: [] },
    ]);
    expect(module.imports).toEqual([
      { module: "env", name: "boom", kind: "tag", signature: { params: ["i32"], results: [] } },
    ]);
    expect(module.exports).toEqual([{ name: "e", kind: "tag", index: 1 }]);
  });

  it("marks 64-bit memories and tables", () => {
    expect(module.memories).toEqual([{ initial: 1, maximum: 4, memory64: true }]);
    expect(module.tables).toEqual([
      { elementType: "funcref", limits: { initial: 2, maximum: 10, memory64: true } },
    ]);
    expect(module.features).toEqual(
      expect.arrayContaining(["exception-handling", "gc", "memory64"]),
    );
  });

  it("lists at most INSPECT_LIMITS.listedTypes types and counts the rest", () => {
    const n = INSPECT_LIMITS.listedTypes + 1;
    const leb = (v: number): number[] => (v < 0x80 ? [v] : [(v & 0x7f) | 0x80, ...leb(v >> 7)]);
    // n × (func) in one type section: 0x60 0x00 0x00 each.
    const payload = [...leb(n), ...new Array<number[]>(n).fill([0x60, 0, 0]).flat()];
    const bytes = Uint8Array.from([
      0,
      0x61,
      0x73,
      0x6d,
      1,
      0,
      0,
      0,
      1,
      ...leb(payload.length),
      ...payload,
    ]);
    const many = info(bytes);
    expect(many.typeCount).toBe(n);
    expect(many.types).toHaveLength(INSPECT_LIMITS.listedTypes);
  });

  it("refuses an unknown mutability in a struct field", () => {
    const bad = Uint8Array.from(WASM3);
    bad[18] = 0x02; // the mutability byte of $node's first field
    expect(inspect(bad)).toEqual({
      ok: false,
      message: expect.stringContaining("unknown mutability 0x2"),
    });
  });
});
