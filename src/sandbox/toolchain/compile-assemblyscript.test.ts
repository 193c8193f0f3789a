import { describe, expect, it } from "vitest";
import { compileAssemblyScript } from "./compile-assemblyscript";

type Fn = (...args: unknown[]) => unknown;

const FIBONACCI = `export function fibonacci(n: i32): i32 {
  if (n < 2) return n;
  return fibonacci(n - 1) + fibonacci(n - 2);
}
`;

async function compileOk(source: string): Promise<Uint8Array<ArrayBuffer>> {
  const outcome = await compileAssemblyScript(source);
  if (!outcome.ok) throw new Error(outcome.message);
  // The JS API wants bytes backed by a plain ArrayBuffer; the contract type is wider.
  return new Uint8Array(outcome.bytes);
}

/** Instantiates with the env.abort the sandbox provides, recording its calls. */
async function instantiate(bytes: Uint8Array<ArrayBuffer>) {
  const aborts: number[][] = [];
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: {
      abort: (...args: number[]) => {
        aborts.push(args);
        throw new Error("abort");
      },
    },
  });
  return { exports: instance.exports as Record<string, Fn>, aborts };
}

describe("compileAssemblyScript", () => {
  it("compiles recursive fibonacci: fib(10) = 55", async () => {
    const bytes = await compileOk(FIBONACCI);
    const module = await WebAssembly.compile(bytes);
    // env.abort is the only import AssemblyScript may need (the optimiser drops it when unused).
    for (const i of WebAssembly.Module.imports(module))
      expect(`${i.module}.${i.name}`).toBe("env.abort");
    const { exports } = await instantiate(bytes);
    expect(exports.fibonacci(10)).toBe(55);
    expect(exports.fibonacci(25)).toBe(75025);
  });

  it("exports what the source exports, and the memory", async () => {
    const bytes = await compileOk(`export function a(): i32 { return 1; }
function hidden(): i32 { return 2; }
export function b(): i32 { return hidden(); }`);
    const names = WebAssembly.Module.exports(await WebAssembly.compile(bytes)).map((e) => e.name);
    expect(names.sort()).toEqual(["a", "b", "memory"]);
  });

  it("runs strings and arrays, which need the runtime", async () => {
    const bytes = await compileOk(`export function words(): i32 {
  const parts = "a bb ccc dddd".split(" ");
  const out = new Array<string>();
  for (let i = 0; i < parts.length; i++) if (parts[i].length > 1) out.push(parts[i] + "!");
  return out.length * 100 + out[2].length;
}
export function churn(n: i32): i32 {
  let total = 0;
  for (let i = 0; i < n; i++) total += ("x" + i.toString()).length;
  return total;
}`);
    const { exports } = await instantiate(bytes);
    expect(exports.words()).toBe(305);
    // 200,000 short-lived strings (~8 MB in all): the collector frees them, so memory stays small.
    expect(exports.churn(200_000)).toBe(1_288_890);
    const memory = exports.memory as unknown as WebAssembly.Memory;
    expect(memory.buffer.byteLength).toBeLessThan(1024 * 1024);
  });

  it("calls env.abort with the source line of a failed assertion", async () => {
    const { exports, aborts } = await instantiate(
      await compileOk(
        `export function check(x: i32): i32 {\n  assert(x > 0, "x must be positive");\n  return x;\n}`,
      ),
    );
    expect(exports.check(1)).toBe(1);
    expect(() => exports.check(0)).toThrow("abort");
    // abort(message, fileName, line, column)
    expect(aborts[0][2]).toBe(2);
  });

  it("keeps function names for traps and disassembly", async () => {
    const module = await WebAssembly.compile(await compileOk(FIBONACCI));
    expect(WebAssembly.Module.customSections(module, "name")).toHaveLength(1);
  });

  it("reports a type error at its line and column", async () => {
    const outcome = await compileAssemblyScript(
      `export function f(x: i32): i32 {\n  let s: string = x;\n  return 0;\n}\n`,
    );
    if (outcome.ok) throw new Error("compiled, but should not have");
    expect(outcome.diagnostics[0]).toMatchObject({
      line: 2,
      column: 19,
      endLine: 2,
      endColumn: 20,
      severity: "error",
    });
    expect(outcome.diagnostics[0].message).toMatch(/not assignable/);
    expect(outcome.message).toMatch(/^Line 2, column 19: /);
  });

  it("reports a syntax error with its line", async () => {
    const outcome = await compileAssemblyScript(`export function f(): i32 {\n  return 1 +;\n}\n`);
    if (outcome.ok) throw new Error("compiled, but should not have");
    expect(outcome.diagnostics.find((d) => d.severity === "error")?.line).toBe(2);
  });

  it("reports an unknown name, then compiles the next source cleanly", async () => {
    const [bad, good] = await Promise.all([
      compileAssemblyScript(`export function f(): i32 {\n  return nope;\n}`),
      compileAssemblyScript(FIBONACCI),
    ]);
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]).toMatchObject({ line: 2, column: 10 });
    expect(good.ok).toBe(true);
  });

  it("survives source nested deeper than the JS stack, then compiles the next", async () => {
    const n = 100_000;
    const outcome = await compileAssemblyScript(
      `export function f(): i32 { return ${"(".repeat(n)}1${")".repeat(n)}; }`,
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/compiler crashed/);
    expect((await compileAssemblyScript(FIBONACCI)).ok).toBe(true);
  });

  it("reports a broken declaration with a message", async () => {
    const outcome = await compileAssemblyScript("export function (");
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message.length).toBeGreaterThan(0);
  });
});
