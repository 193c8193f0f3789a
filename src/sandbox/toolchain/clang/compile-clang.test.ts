// The real compiler in Node: slow to load (~10–20 s, once per file), then about a second a compile.
import { beforeAll, describe, expect, it } from "vitest";
import { compileClang, loadClang } from "./compile-clang";
import { DEFAULT_CLANG_OPTIONS } from "./options";
import { installClangMemoryBound } from "./memory-bound";
import { WasmSandbox } from "../../sandbox";
import { nodeRuntime } from "../../testing/node-runtime";
import { envBinding } from "../../runner/env-host";
import { wasiBinding } from "../../runner/wasi-binding";

const options = DEFAULT_CLANG_OPTIONS;

describe("compileClang (@yowasp/clang in Node)", () => {
  // The clang worker's memory bound, lowered so that running into it is quick here.
  beforeAll(() => {
    installClangMemoryBound(256 * 1024 * 1024);
    return loadClang();
  }, 120_000);

  it("compiles a WASI command that prints, and it runs metered", async () => {
    const source =
      '#include <stdio.h>\nint main(void) { printf("hello %d\\n", 6 * 7); return 0; }\n';
    const outcome = await compileClang(source, "c", options);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    await using sandbox = new WasmSandbox(
      { maxFuel: 10_000_000, allowedImports: ["wasi_snapshot_preview1.*"] },
      nodeRuntime([envBinding, wasiBinding]),
    );
    const result = await sandbox.execute(outcome.bytes, { entry: "_start" });
    expect(result.error, result.error).toBeUndefined();
    expect(result.output).toBe("hello 42\n");
    expect(result.fuelConsumed).toBeGreaterThan(0);
  }, 60_000);

  it("puts an error on its line and column", async () => {
    const outcome = await compileClang("int main(void) {\n  return x;\n}\n", "c", options);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.diagnostics[0]).toMatchObject({ line: 2, column: 10, severity: "error" });
    expect(outcome.message).toMatch(/^Line 2, column 10: use of undeclared identifier 'x'/);
  }, 60_000);

  it("builds C++ without exceptions, and says why exceptions do not link", async () => {
    const source =
      '#include <cstdio>\nstruct A { int v; int get() const { return v; } };\nint main() { A a{3}; std::printf("%d\\n", a.get()); }\n';
    const ok = await compileClang(source, "cpp", options);
    expect(ok.ok).toBe(true);
    const throwing = await compileClang("int main() { throw 1; }\n", "cpp", {
      ...options,
      exceptions: true,
    });
    expect(throwing.ok).toBe(false);
    if (!throwing.ok)
      expect(throwing.diagnostics.at(-1)?.message).toMatch(/exceptions are not available/);
  }, 120_000);

  it("a reactor offers its exported functions", async () => {
    const source = '__attribute__((export_name("add"))) int add(int a, int b) { return a + b; }\n';
    const outcome = await compileClang(source, "c", {
      ...options,
      flags: ["-mexec-model=reactor"],
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    await using sandbox = new WasmSandbox({}, nodeRuntime([envBinding, wasiBinding]));
    const result = await sandbox.execute(outcome.bytes, { entry: "add", args: [2, 3] });
    expect(result.value).toBe(5);
  }, 60_000);

  it("refuses a flag outside the allow-list before compiling", async () => {
    const outcome = await compileClang("int main(void){return 0;}", "c", {
      ...options,
      flags: ["-Xclang", "-load"],
    });
    expect(outcome).toMatchObject({
      ok: false,
      message: 'Build options: "-Xclang" is not an allowed flag.',
    });
  });

  it("stops a compile that needs more memory than the bound, with a clear message", async () => {
    // Each macro doubles the one before: X30 is 2^30 string literals for the preprocessor.
    const doubling = Array.from({ length: 30 }, (_, i) => `#define X${i + 1} X${i} X${i}\n`);
    const source = `#define X0 "abcdefgh"\n${doubling.join("")}int main(void) { return sizeof(X30) == 0; }\n`;
    const outcome = await compileClang(source, "c", options);
    expect(outcome).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^The C compiler needed more than 256 MiB of memory, so it was stopped/,
      ),
    });
    // The compiler is a fresh instance per command: the next compile works.
    expect((await compileClang("int main(void) { return 0; }\n", "c", options)).ok).toBe(true);
  }, 120_000);
});
