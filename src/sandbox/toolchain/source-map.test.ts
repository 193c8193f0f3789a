import { describe, expect, it } from "vitest";
import asc from "assemblyscript/asc";
import { compileAssemblyScript, ASC_OPTIONS } from "./compile-assemblyscript";
import { decodeMappings, functionBodies, withoutSourceMapUrl } from "./source-map";

const SOURCE = `export function fib(n: i32): i32 {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

function square(x: f64): f64 {
  let y = x * x;
  return y;
}

export function main(): i32 {
  const words = "a bb ccc".split(" ");
  return fib(20) + words.length + <i32>square(3);
}
`;

/** asc as the toolchain calls it, with or without the options given. */
async function ascBytes(options: readonly string[]): Promise<Uint8Array> {
  let bytes: Uint8Array | undefined;
  await asc.main(["source.ts", "--outFile", "module.wasm", ...options], {
    readFile: (name) => (name === "source.ts" ? SOURCE : null),
    writeFile: (name, contents) => {
      if (name === "module.wasm" && contents instanceof Uint8Array) bytes = contents;
    },
    listFiles: () => [],
    stdout: { write: () => undefined },
    stderr: { write: () => undefined },
  });
  if (!bytes) throw new Error("asc wrote no module");
  return bytes;
}

describe("AssemblyScript source maps", () => {
  it("decodes VLQ segments: relative fields, a new generated line resets the offset", () => {
    // [2,0,0,0] [3,0,2,0] ; [5,1,-1,0]: offsets 2, 5, then 5 on the next line; lines 1, 3, 2.
    expect(decodeMappings("EAAA,GAEA;KCDA")).toEqual([
      { offset: 2, source: 0, line: 1 },
      { offset: 5, source: 0, line: 3 },
      { offset: 5, source: 1, line: 2 },
    ]);
    expect(() => decodeMappings("A!")).toThrow(/unexpected character/);
  });

  it("gives each of the person's functions its line, and builds the same bytes as without a map", async () => {
    const outcome = await compileAssemblyScript(SOURCE);
    if (!outcome.ok) throw new Error(outcome.message);
    const plain = ASC_OPTIONS.filter((o) => o !== "--sourceMap");
    expect(Array.from(outcome.bytes)).toEqual(Array.from(await ascBytes(plain)));
    const names = WebAssembly.Module.customSections(
      new WebAssembly.Module(new Uint8Array(outcome.bytes)),
      "sourceMappingURL",
    );
    expect(names).toHaveLength(0);

    const lines = outcome.functionLines ?? {};
    // fib's code begins on line 2 (its if); main's on line 12; the standard library's have none.
    const found = Object.values(lines).sort((a, b) => a - b);
    expect(found).toContain(2);
    expect(found).toContain(12);
    expect(found.every((line) => line >= 1 && line <= 14)).toBe(true);
    const bodies = functionBodies(outcome.bytes);
    expect(Object.keys(lines).length).toBeLessThan(bodies.length); // the runtime's are left out
  });

  it("leaves a module without the URL section as it is", async () => {
    const bytes = await ascBytes(["--runtime", "stub"]);
    expect(withoutSourceMapUrl(bytes)).toBe(bytes);
  });
});
