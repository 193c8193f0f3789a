import { describe, expect, it } from "vitest";
import { compileWat } from "../toolchain/compile-wat";
import { DisassemblyDocument, MAX_LINE_CHARS } from "./document";
import { DocumentShelf } from "./shelf";

const SOURCE = `(module
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "memory" (memory 1))
  (import "odd \\"quoted\\" (func name" "x" (func (param i32)))
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (result i32) i32.const 7)
  (func $Mixed_Case (result i32) i32.const 8))`;

async function openSource(): Promise<{ shelf: DocumentShelf; id: number; text: string }> {
  const compiled = await compileWat(SOURCE);
  if (!compiled.ok) throw new Error(compiled.message);
  const shelf = new DocumentShelf();
  const opened = await shelf.open(compiled.bytes);
  if (!opened.ok) throw new Error(opened.message);
  return { shelf, id: opened.id, text: (await shelf.text(opened.id, Infinity))! };
}

describe("DisassemblyDocument", () => {
  it("lists imported and defined functions with their index, name and line", async () => {
    const { shelf, id, text } = await openSource();
    const lines = text.split("\n");
    const doc = new DisassemblyDocument(text);
    expect(doc.functions.map((f) => [f.index, f.name])).toEqual([
      [0, "log"],
      [1, null],
      [2, "add"],
      [3, null],
      [4, "Mixed_Case"],
    ]);
    for (const f of doc.functions) expect(lines[f.line]).toMatch(/\(func/);
    expect(lines[doc.functions[2]!.line]).toContain("(func $add");
    expect(lines[doc.functions[3]!.line]).toContain("(func (;3;)");
    expect(await shelf.lines(id, 0, 2)).toEqual(lines.slice(0, 2));
    expect(doc.lineCount).toBe(text.endsWith("\n") ? lines.length - 1 : lines.length);
  });

  it("serves any page of lines, clipped to the text", () => {
    const doc = new DisassemblyDocument("a\nbb\nccc");
    expect(doc.lineCount).toBe(3);
    expect(doc.lines(1, 5)).toEqual(["bb", "ccc"]);
    expect(doc.lines(-3, 2)).toEqual(["a", "bb"]);
    expect(doc.lines(7, 2)).toEqual([]);
  });

  it("cuts a very long line and says how much is left out", () => {
    const doc = new DisassemblyDocument(`x\n${"d".repeat(MAX_LINE_CHARS + 50)}\ny`);
    const [line] = doc.lines(1, 1);
    expect(line!.startsWith("d".repeat(MAX_LINE_CHARS))).toBe(true);
    expect(line).toContain("50 more characters");
  });

  it("finds forward and backward, case-insensitively, wrapping around", () => {
    const doc = new DisassemblyDocument("i32.add\nnop\nI32.ADD x i32.add\nend");
    const first = doc.find("i32.add", null, 1);
    expect(first).toEqual({ line: 0, column: 0 });
    const second = doc.find("i32.add", first, 1);
    expect(second).toEqual({ line: 2, column: 0 });
    const third = doc.find("i32.add", second, 1);
    expect(third).toEqual({ line: 2, column: 10 });
    expect(doc.find("i32.add", third, 1)).toEqual(first);
    expect(doc.find("i32.add", first, -1)).toEqual(third);
    expect(doc.find("i32.add", third, -1)).toEqual(second);
    expect(doc.find("i32.add", null, -1)).toEqual(third);
    expect(doc.find("absent", null, 1)).toBeNull();
    expect(doc.find("(", null, 1)).toBeNull(); // the query is text, not a pattern
  });

  it("finds backward across its reading windows", () => {
    const filler = "x".repeat(1_500_000);
    const doc = new DisassemblyDocument(`needle\n${filler}\nhay`);
    expect(doc.find("needle", { line: 2, column: 0 }, -1)).toEqual({ line: 0, column: 0 });
  });

  it("counts matches up to a cap", () => {
    const doc = new DisassemblyDocument("ab ab\nAB");
    expect(doc.count("ab", 100)).toEqual({ count: 3, capped: false });
    expect(doc.count("ab", 2)).toEqual({ count: 2, capped: true });
    expect(doc.count("", 2)).toEqual({ count: 0, capped: false });
  });
});

describe("DocumentShelf", () => {
  it("refuses what is not a module with a message, and forgets closed documents", async () => {
    const shelf = new DocumentShelf();
    const bad = await shelf.open(new Uint8Array([0, 0x61, 0x73, 0x6d, 9, 9, 9, 9]));
    expect(bad.ok).toBe(false);
    const { shelf: held, id } = await openSource();
    expect(await held.text(id, 10)).toBeNull(); // longer than asked for
    await held.close(id);
    expect(await held.lines(id, 0, 1)).toBeNull();
  });
});
