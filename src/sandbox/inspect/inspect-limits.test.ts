import { describe, expect, it } from "vitest";
import { inspect } from "./inspect";
import { INSPECT_LIMITS } from "./limits";

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function nameBytes(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** A valid module of `count` empty custom sections named "" (3 bytes each). */
function emptyCustomSections(count: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(HEADER.length + 3 * count);
  out.set(HEADER);
  for (let i = 0; i < count; i++) out.set([0, 1, 0], HEADER.length + 3 * i);
  return out;
}

/** (type (func)) and `count` function imports "m" "f<i>"… or with the given names. */
function functionImports(names: [string, string][]): Uint8Array {
  const entries: number[] = [];
  for (const [module, field] of names)
    entries.push(...nameBytes(module), ...nameBytes(field), 0, 0);
  return new Uint8Array([
    ...HEADER,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [...uleb(names.length), ...entries]),
  ]);
}

function exportNamed(name: string): Uint8Array {
  return new Uint8Array([
    ...HEADER,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...nameBytes(name), 0, 0]),
    ...section(10, [1, 2, 0, 0x0b]),
  ]);
}

describe("inspect: limits on what a module can make long", () => {
  it("refuses 200,000 empty custom sections by name, and reads the limit's worth", () => {
    const bomb = emptyCustomSections(200_000);
    expect(WebAssembly.validate(bomb)).toBe(true); // V8 itself has no such limit
    const refused = inspect(bomb);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toMatch(/more than 1,000 sections \(custom sections included/);
    }
    const atLimit = inspect(emptyCustomSections(INSPECT_LIMITS.sections));
    expect(atLimit.ok && atLimit.info.sections.length).toBe(INSPECT_LIMITS.sections);
  });

  it("refuses more imports than the JS API allows, naming the count and the limit", () => {
    const names = Array.from({ length: INSPECT_LIMITS.imports + 1 }, (): [string, string] => [
      "m",
      "f",
    ]);
    const result = inspect(functionImports(names));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/100,001 imports, over the 100,000/);
  });

  it("refuses a name longer than the limit and accepts one exactly at it", () => {
    const long = "x".repeat(INSPECT_LIMITS.nameBytes + 1);
    const refused = inspect(exportNamed(long));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/export name of 4,097 bytes, over the 4,096/);
    const fine = inspect(exportNamed("x".repeat(INSPECT_LIMITS.nameBytes)));
    expect(fine.ok).toBe(true);
    const importName = inspect(functionImports([["env", long]]));
    expect(!importName.ok && importName.message).toMatch(/import name of 4,097 bytes/);
  });
});
