// The committed binaries under public/examples: each matches its source and behaves as its
// example says, so a stale binary (source edited, build script not re-run) fails here.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { compileWat } from "../sandbox/toolchain/compile-wat";
import { EXAMPLES } from "./catalog";
import { PUBLIC_DIR, instantiateDirectly } from "./example-bytes.test-support";
import { withMemoryMaximum } from "./memory-limits.test-support";

const EXAMPLES_DIR = `${PUBLIC_DIR}examples/`;
const watFiles = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".wat"));

function binary(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(EXAMPLES_DIR + name));
}

function shape(bytes: Uint8Array<ArrayBuffer>) {
  const module = new WebAssembly.Module(bytes);
  return {
    imports: WebAssembly.Module.imports(module),
    exports: WebAssembly.Module.exports(module),
  };
}

describe("prebuilt example binaries", () => {
  it("has a .wat source for every example binary built from WAT", () => {
    expect(watFiles.length).toBeGreaterThanOrEqual(7);
  });

  it.each(watFiles)(
    "%s is the source of an example, and its .wasm was built from it",
    async (f) => {
      const source = readFileSync(EXAMPLES_DIR + f, "utf8");
      const example = EXAMPLES.find((e) => e.language === "wat" && e.source === source);
      expect(example, `${f} differs from every WAT source in src/examples`).toBeDefined();
      const compiled = await compileWat(source);
      if (!compiled.ok) throw new Error(compiled.message);
      const prebuilt = binary(f.replace(/\.wat$/, ".wasm"));
      expect(WebAssembly.validate(prebuilt)).toBe(true);
      // Debian's wat2wasm and wabt.js may order the name section differently: compare the code.
      expect(shape(prebuilt)).toEqual(shape(new Uint8Array(compiled.bytes)));
      expect(stripCustomSections(prebuilt)).toEqual(stripCustomSections(compiled.bytes));
    },
  );

  it.each(EXAMPLES.filter((e) => e.language === "wasm"))("$id has its binary and source", (e) => {
    if (e.language !== "wasm") return;
    expect(existsSync(PUBLIC_DIR + e.url)).toBe(true);
    expect(existsSync(PUBLIC_DIR + e.sourceUrl)).toBe(true);
  });

  it("add.wasm adds, wrapping like i32.add", async () => {
    const { exports } = await instantiateDirectly(binary("add.wasm"));
    const add = exports.add as (a: number, b: number) => number;
    expect(add(5, 7)).toBe(12);
    expect(add(-3, 1)).toBe(-2);
    expect(add(0x7fffffff, 1)).toBe(-0x80000000);
  });

  it("answer.wasm returns 42 and hello-log.wasm logs its greeting", async () => {
    expect(
      ((await instantiateDirectly(binary("answer.wasm"))).exports.main as () => number)(),
    ).toBe(42);
    const hello = await instantiateDirectly(binary("hello-log.wasm"));
    (hello.exports.main as () => void)();
    expect(hello.output()).toBe("Hello from WebAssembly!");
  });

  it("fuel-hungry.wasm returns the wrapped sum and stack-overflow.wasm overflows", async () => {
    const fuel = await instantiateDirectly(binary("fuel-hungry.wasm"));
    expect((fuel.exports.main as () => number)()).toBe(-2014260032);
    const deep = await instantiateDirectly(binary("stack-overflow.wasm"));
    expect(() => (deep.exports.main as (n: number) => number)(0)).toThrow(RangeError);
  });

  it("memory-bomb.wasm grows to the cap, then traps", async () => {
    // Stand-in for the sandbox's cap: declare a 16-page maximum, so memory.grow fails there.
    const capped = withMemoryMaximum(binary("memory-bomb.wasm"), 16);
    const { exports } = await instantiateDirectly(capped);
    expect(() => (exports.main as () => void)()).toThrow(/unreachable/);
  });

  it("forbidden-import.wasm imports env.read_file", () => {
    expect(shape(binary("forbidden-import.wasm")).imports).toEqual([
      { module: "env", name: "read_file", kind: "function" },
    ]);
  });

  it("infinite-loop.wasm does not return", async () => {
    const bytes = binary("infinite-loop.wasm");
    const worker = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
       const instance = new WebAssembly.Instance(new WebAssembly.Module(workerData), {});
       parentPort.postMessage("started");
       instance.exports.main();
       parentPort.postMessage("returned");`,
      { eval: true, workerData: bytes },
    );
    const messages: string[] = [];
    worker.on("message", (m: string) => messages.push(m));
    try {
      await new Promise<void>((resolve) => worker.once("message", () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(messages).toEqual(["started"]);
    } finally {
      await worker.terminate();
    }
  });
});

/** The module without custom sections (names): the part that must not depend on the assembler. */
function stripCustomSections(bytes: Uint8Array): number[] {
  const out = [...bytes.subarray(0, 8)];
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset];
    let size = 0;
    let shift = 0;
    let cursor = offset + 1;
    for (;;) {
      const byte = bytes[cursor++];
      size |= (byte & 0x7f) << shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    const end = cursor + size;
    if (id !== 0) out.push(...bytes.subarray(offset, end));
    offset = end;
  }
  return out;
}
