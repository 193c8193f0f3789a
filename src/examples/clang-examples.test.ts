// The C and C++ examples with the real compiler (loaded once for the file, ~10–20 s): each
// compiles with its own build options and, run in the sandbox with its limits, input and
// imports, gives the output the catalogue promises.
import { beforeAll, describe, expect, it } from "vitest";
import { CLANG_EXAMPLES } from "./clang-examples";
import { findExample } from "./catalog";
import { exampleBytes } from "./example-bytes.test-support";
import { loadClang } from "../sandbox/toolchain/clang/compile-clang";
import { WasmSandbox } from "../sandbox/sandbox";
import { nodeRuntime } from "../sandbox/testing/node-runtime";
import { envBinding } from "../sandbox/runner/env-host";
import { wasiBinding } from "../sandbox/runner/wasi-binding";

describe("C and C++ examples (clang in Node)", () => {
  beforeAll(() => loadClang(), 120_000);

  it("are in the menu's catalogue under their own ids", () => {
    expect(CLANG_EXAMPLES.map((e) => e.id)).toEqual([
      "c-hello",
      "c-wordcount",
      "c-fib",
      "c-qsort",
      "cpp-class",
    ]);
    for (const e of CLANG_EXAMPLES) expect(findExample(e.id)).toBe(e);
  });

  it.each(CLANG_EXAMPLES.map((e) => [e.id, e] as const))(
    "%s compiles and runs with the output it promises",
    async (_id, example) => {
      const bytes = await exampleBytes(example);
      await using sandbox = new WasmSandbox(
        {
          maxFuel: example.limits.maxFuel ?? undefined,
          maxMemoryBytes: example.limits.maxMemoryBytes,
          timeoutMs: example.limits.timeoutMs,
          allowedImports: example.allowedImports,
        },
        nodeRuntime([envBinding, wasiBinding]),
      );
      const files = (example.io?.files ?? []).map((f) => ({ path: f.path, data: f.text }));
      const result = await sandbox.execute(bytes, { entry: example.entry, files });
      if (!example.expected.success) throw new Error("every C example is meant to succeed");
      expect(result.error, result.error).toBeUndefined();
      expect(result.success).toBe(true);
      expect(result.output).toContain(example.expected.output);
    },
    120_000,
  );
});
