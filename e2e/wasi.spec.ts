// WASI programs in a real browser: the C examples (public/examples/wasi, served by the page)
// and CRuby (npm @ruby/3.4-wasm-wasi), through the real toolchain and runner workers.
import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { EngineHarness } from "./engine-harness";

const MIB = 1024 * 1024;
const WASI = { allowedImports: ["wasi_snapshot_preview1.*"], timeoutMs: 20_000 };
const example = (name: string) => `examples/wasi/${name}.wasm`;

let harness: EngineHarness;
test.beforeEach(async ({ page }) => {
  harness = new EngineHarness(page);
  await harness.open();
});

test.describe("WASI: the C examples", () => {
  test("hello prints to stdout and stderr and succeeds", async () => {
    const r = await harness.runUrl(example("hello"), WASI, { programName: "hello.wasm" });
    expect(r).toMatchObject({
      success: true,
      output: "Hello from C on WASI!\n",
      stderr: "this line goes to stderr\n",
    });
  });

  test("wordcount reads the input file and leaves its output file in result.files", async () => {
    const r = await harness.runUrl(example("wordcount"), WASI, {
      files: [{ path: "/input.txt", data: "the quick brown fox\njumps over\n\nthe lazy dog\n" }],
    });
    expect(r.success, r.error).toBe(true);
    expect(r.files!["/input.txt"]).toContain("quick brown fox");
    expect(r.files!["/output.txt"]).toBe("lines: 4\nwords: 9\nbytes: 45\n");
    expect(r.output).toBe("wrote /output.txt: 4 lines, 9 words, 45 bytes\n");
  });

  test("stdin is read from fd 0", async () => {
    const r = await harness.runUrl(example("stdin-echo"), WASI, { stdin: "first\nsecond\n" });
    expect(r).toMatchObject({
      success: true,
      output: "1: first\n2: second\n\nread 13 bytes from stdin\n",
    });
  });

  test("proc_exit(3) is errorKind exit with exitCode 3, after the output", async () => {
    const r = await harness.runUrl(example("exit3"), WASI);
    expect(r).toMatchObject({
      success: false,
      errorKind: "exit",
      exitCode: 3,
      output: "about to exit with status 3\n",
    });
  });

  test("an endless loop times out; with a fuel budget it runs out of fuel", async () => {
    const timedOut = await harness.runUrl(example("forever"), { ...WASI, timeoutMs: 1500 });
    expect(timedOut.errorKind).toBe("timeout");
    const budget = await harness.runUrl(example("forever"), { ...WASI, maxFuel: 5_000_000 });
    expect(budget).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: "5000000" });
  });

  test("deterministic: two runs of clock-random give the same output and fuel", async () => {
    const [a, b] = await harness.runInOneSandbox(WASI, [
      { url: example("clock-random") },
      { url: example("clock-random") },
    ]);
    expect(a!.success).toBe(true);
    expect(a!.output).toContain("random:");
    expect(b!.output).toBe(a!.output);
    expect(b!.fuelConsumed).toBe(a!.fuelConsumed);
  });

  test("a WASI import that is not allowed is import_denied, naming it", async () => {
    const r = await harness.runUrl(example("hello"), {
      allowedImports: ["wasi_snapshot_preview1.fd_write"],
    });
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain(
      "wasi_snapshot_preview1.proc_exit (func (param i32)): not in allowedImports",
    );
    expect(r.error).not.toContain("wasi_snapshot_preview1.fd_write");
  });
});

test.describe("WASI: CRuby", () => {
  const RUBY_URL = "/__fixtures__/ruby+stdlib.wasm";

  test("puts 6 * 7 prints 42, instrumented in the sandbox", async ({ page }) => {
    test.setTimeout(180_000);
    // A test fixture served by the test itself: the app bundle never contains CRuby.
    const path = createRequire(import.meta.url).resolve(
      "@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm",
    );
    await page.route(`**${RUBY_URL}`, (route) =>
      route.fulfill({ path, contentType: "application/wasm" }),
    );
    const config = { ...WASI, maxMemoryBytes: 256 * MIB, timeoutMs: 120_000 };
    const r = await harness.runUrl(RUBY_URL, config, { driver: "ruby-wasm", script: "puts 6 * 7" });
    console.info("CRuby in Chromium:", {
      moduleBytes: r.moduleBytes,
      instrumentMs: Math.round(r.timings.instrumentMs!),
      compileMs: Math.round(r.timings.compileMs!),
      instantiateMs: Math.round(r.timings.instantiateMs!),
      runMs: Math.round(r.timings.runMs!),
      wallMs: Math.round(r.wallMs),
      fuelConsumed: r.fuelConsumed,
      memoryUsedBytes: r.memoryUsedBytes,
    });
    expect(r.stderr, r.error).toBe("");
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ success: true, output: "42\n" });
    // The count of this run in the exact counter shape (every charge stored, no loop charged up
    // front): the lazy shape with its counted loops must not change it. A new CRuby build, or a
    // change of the cost model (charge-code.ts), changes it on purpose.
    expect(r.fuelConsumed).toBe("8805634585");
    expect(r.moduleBytes!.instrumented).toBeGreaterThan(r.moduleBytes!.original);
  });
});
