import { describe, expect, test } from "vitest";
import { brTableTargets, decodeInstruction, describeUnknown, newInstr } from "./decode";
import { Reader } from "./reader";

/** Decodes one instruction: its name, where it ends, its first two immediates. */
function decode(bytes: number[]) {
  const r = new Reader(new Uint8Array(bytes));
  const ins = newInstr();
  const info = decodeInstruction(r, ins);
  return { name: info?.name, kind: info?.kind, end: r.pos, a: ins.a, b: ins.b, ins };
}

describe("the opcode table and decoder", () => {
  test.each([
    [[0x10, 0x85, 0x01], "call", 3, 133],
    [[0x28, 0x42, 0x02, 0x10], "i32.load", 4, 0x42], // align with the memory-index bit, memory 2
    [[0x11, 0x07, 0x01], "call_indirect", 3, 7],
    [[0x41, 0xff, 0xff, 0xff, 0xff, 0x07], "i32.const", 6, undefined],
    [[0xfc, 0x0f, 0x03], "table.grow", 3, 3],
    [[0xfd, 0x0c, ...Array(16).fill(0)], "simd 0xc", 18, undefined],
    [[0xfd, 0x54, 0x00, 0x00, 0x05], "simd 0x54", 5, 0], // v128.load8_lane: memarg, lane
    [[0xfb, 0x02, 0x01, 0x04], "struct.get", 4, 1],
    [[0x1f, 0x40, 0x02, 0x00, 0x01, 0x00, 0x03, 0x02], "try_table", 8, undefined],
    [[0x1c, 0x01, 0x63, 0x70], "select", 4, undefined],
    // memory64: a 64-bit offset (2^63 here) in a ten-byte LEB
    [[0x29, 0x03, ...Array(9).fill(0x80), 0x01], "i64.load", 12, 3],
    [[0xfb, 0x18, 0x03, 0x00, 0x6e, 0x6c], "br_on_cast", 6, 0], // flags, label, two heap types
    [[0xfb, 0x08, 0x02, 0x03], "array.new_fixed", 4, 2],
    [[0xfb, 0x06, 0x01], "array.new", 3, 1],
    [[0xfd, 0x80, 0x02], "simd 0x100", 3, undefined], // relaxed SIMD
    [[0x0a], "throw_ref", 1, undefined],
  ])("%j decodes as %s ending at %i", (bytes, name, end, a) => {
    const d = decode(bytes);
    expect(d.name).toBe(name);
    expect(d.end).toBe(end);
    if (a !== undefined) expect(d.a).toBe(a);
  });

  test("GC arrays whose work grows with a count are charged per element (arrayBulk)", () => {
    for (const sub of [6, 7, 9, 10, 16, 17, 18, 19]) {
      expect(decode([0xfb, sub, 0x00, 0x00]).kind).toBe("arrayBulk");
    }
    expect(decode([0xfb, 0x08, 0x00, 0x03]).kind).toBe("plain"); // array.new_fixed: a constant
  });

  test("a memarg's memory index and call_indirect's table are the second immediate", () => {
    expect(decode([0x28, 0x42, 0x02, 0x10]).b).toBe(2);
    expect(decode([0x11, 0x07, 0x01]).b).toBe(1);
  });

  test("br_table: the target count, then every target, default last", () => {
    const bytes = [0x0e, 0x02, 0x00, 0x81, 0x01, 0x03];
    const d = decode(bytes);
    expect(d.end).toBe(6);
    const targets: number[] = [];
    brTableTargets(new Uint8Array(bytes), d.ins, (t) => targets.push(t));
    expect(targets).toEqual([0, 129, 3]);
  });

  test.each([
    [[0xfc, 0x13], "instruction 0xfc 19"],
    [[0xfd, 0xa0, 0x02], "SIMD instruction 0xfd 288"],
    [[0x1f, 0x40, 0x01, 0x04, 0x00], "try_table catch kind 4"],
    [[0xe3, 0x00], "stack-switching instruction 0xe3"],
    [[0x27], "opcode 0x27"],
  ])("unknown %j is named %s", (bytes, message) => {
    const d = decode(bytes);
    expect(d.name).toBeUndefined();
    expect(describeUnknown(d.ins)).toBe(message);
  });

  test("an overlong i32.const immediate is malformed (at most 5 bytes)", () => {
    expect(() => decode([0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])).toThrow(/LEB128 too long/);
  });
});
