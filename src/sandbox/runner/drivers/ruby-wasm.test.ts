// The "ruby-wasm" driver on the real CRuby (npm @ruby/3.4-wasm-wasi, a devDependency used only
// as a test fixture), instrumented the way the sandbox does it, through the runner core.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { instrument } from "../../instrument";
import { readFuel, readGrowRefused } from "../../instrument/read-abi";
import { envBinding } from "../env-host";
import type { RunRequest } from "../protocol";
import { runGuest } from "../run-guest";
import { wasiBinding } from "../wasi-binding";
import { rubyStringLiteral, wrapScript } from "./ruby-wasm";

const MIB = 1024 * 1024;

function rubyWasmPath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm");
  } catch {
    return undefined;
  }
}

describe("rubyStringLiteral / wrapScript", () => {
  it("escapes quotes, backslashes, newlines and interpolation", () => {
    expect(rubyStringLiteral('a"b\\c\n#{x}')).toBe('"a\\"b\\\\c\\n\\#{x}"');
    expect(wrapScript("puts 1")).toContain('eval("puts 1", TOPLEVEL_BINDING, "main.rb", 1)');
  });
});

describe.skipIf(!rubyWasmPath())("the ruby-wasm driver on CRuby 3.4, instrumented", () => {
  let bytes: Uint8Array;
  let fuelLimit: bigint | undefined;
  const MAX_FUEL = 50_000_000_000n;

  beforeAll(async () => {
    const original = readFileSync(rubyWasmPath()!);
    const started = performance.now();
    const outcome = await instrument(original, {
      maxFuel: MAX_FUEL,
      maxMemoryBytes: 256 * MIB,
      deferStart: true,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    console.info("CRuby instrumented:", {
      originalMB: +(original.length / 1e6).toFixed(1),
      instrumentedMB: +(outcome.bytes.length / 1e6).toFixed(1),
      instrumentMs: Math.round(performance.now() - started),
    });
    bytes = outcome.bytes;
    fuelLimit = outcome.fuelLimit;
  }, 120_000);

  const run = (request: Partial<RunRequest>) =>
    runGuest(
      bytes,
      {
        runId: 1,
        allowedImports: ["wasi_snapshot_preview1.*"],
        memoryLimitBytes: 256 * MIB,
        maxOutputBytes: MIB,
        fuelLimit,
        metered: true,
        deterministic: true,
        driver: "ruby-wasm",
        ...request,
      },
      { onEvent: () => {}, readFuel, readGrowRefused, hostBindings: [envBinding, wasiBinding] },
    );

  it("puts 6 * 7 prints 42, metered, with deterministic fuel", { timeout: 120_000 }, async () => {
    const a = await run({ script: "puts 6 * 7", argv: ["--disable-gems"] });
    expect(a.stderr).toBe("");
    expect(a).toMatchObject({ success: true, output: "42\n" });
    console.info("CRuby run:", { ...a.timings, fuel: a.fuelConsumed, memory: a.memoryUsedBytes });
    const b = await run({ script: "puts 6 * 7", argv: ["--disable-gems"] });
    expect(b.fuelConsumed).toBe(a.fuelConsumed);
  });

  it(
    "without a script option, stdin is the script; argv reaches ARGV",
    { timeout: 120_000 },
    async () => {
      const r = await run({
        stdin: "p ARGV\nputs $stdin.read.inspect",
        argv: ["--disable-gems", "a", "b c"],
      });
      expect(r).toMatchObject({ success: true, output: '["a", "b c"]\n""\n' });
    },
  );

  it(
    "an exception prints Ruby's report to stderr and exits 1; exit 3 exits 3",
    { timeout: 120_000 },
    async () => {
      const raised = await run({ script: "puts 1\nraise 'boom'", argv: ["--disable-gems"] });
      expect(raised).toMatchObject({
        success: false,
        errorKind: "exit",
        exitCode: 1,
        output: "1\n",
      });
      expect(raised.stderr).toContain("main.rb:2:in");
      expect(raised.stderr).toContain("boom (RuntimeError)");
      const exited = await run({ script: "exit 3", argv: ["--disable-gems"] });
      expect(exited).toMatchObject({ errorKind: "exit", exitCode: 3 });
    },
  );

  it("JS interop is a stub that traps, naming the import", { timeout: 120_000 }, async () => {
    const r = await run({ script: "require 'js'\nJS.global", argv: ["--disable-gems"] });
    expect(r.errorKind).toBe("trap");
    expect(r.error).toContain("import rb-js-abi-host.");
    expect(r.error).toContain("only a stub");
  });

  it("an endless Ruby loop runs out of fuel", { timeout: 120_000 }, async () => {
    const small = await instrument(readFileSync(rubyWasmPath()!), {
      maxFuel: 2_000_000_000,
      maxMemoryBytes: 256 * MIB,
      deferStart: true,
    });
    if (!small.ok) throw new Error(small.message);
    const r = await runGuest(
      small.bytes,
      {
        runId: 2,
        allowedImports: ["wasi_snapshot_preview1.*"],
        memoryLimitBytes: 256 * MIB,
        maxOutputBytes: MIB,
        fuelLimit: small.fuelLimit,
        metered: true,
        deterministic: true,
        driver: "ruby-wasm",
        script: "loop {}",
        argv: ["--disable-gems"],
      },
      { onEvent: () => {}, readFuel, readGrowRefused, hostBindings: [envBinding, wasiBinding] },
    );
    expect(r).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: 2_000_000_000n });
  });
});
