// execute(bytes, { importBindings }) end to end in Node: validation, each kind of binding, and
// WAT host modules whose fuel is the run's fuel.
import { describe, expect, it } from "vitest";
import { checkImportBindings, type ImportBinding } from "./bindings";
import { WasmSandbox } from "./sandbox";
import { nodeRuntime } from "./testing/node-runtime";
import { wat } from "./testing/wat";
import type { WasmSandboxConfig } from "./config";

// Import names as wasm allows them: spaces, colons and dots.
const M = "rb-js-abi-host";
const N = "rb-abi-value: call.with spaces";

async function run(
  source: string,
  importBindings: ImportBinding[],
  options: { entry?: string; config?: WasmSandboxConfig } = {},
) {
  await using sandbox = new WasmSandbox(options.config ?? { allowedImports: [] }, nodeRuntime());
  return await sandbox.execute(await wat(source), { importBindings, entry: options.entry });
}

describe("checkImportBindings", () => {
  it("accepts every kind, with any module and name strings", () => {
    const good: ImportBinding[] = [
      { module: M, name: N, kind: "noop" },
      { module: "a b", name: "c:d.e", kind: "trap" },
      { module: "env", name: "log", kind: "host" },
      { module: "env", name: "x", kind: "deny" },
      { module: "env", name: "k", kind: "const", value: [1, 2n, 0.5] },
      { module: "env", name: "w", kind: "wat", source: "(module)", export: "f" },
    ];
    expect(checkImportBindings(good)).toBeUndefined();
  });

  it("names the binding and what is wrong with it", () => {
    expect(checkImportBindings("env.x")).toMatch(/^importBindings must be an array/);
    expect(checkImportBindings([{ module: "env", kind: "noop" }])).toBe(
      "importBindings[0]: module and name must be strings (the import's exact names)",
    );
    expect(checkImportBindings([{ module: M, name: N, kind: "stub" }])).toBe(
      `importBindings[0] ("rb-js-abi-host" "rb-abi-value: call.with spaces"): kind must be one of "deny", "host", "trap", "noop", "const", "wat"; got "stub"`,
    );
    expect(checkImportBindings([{ module: "m", name: "n", kind: "const" }])).toMatch(
      /^importBindings\[0\] \("m" "n"\): a const binding needs value/,
    );
    expect(checkImportBindings([{ module: "m", name: "n", kind: "const", value: ["1"] }])).toMatch(
      /needs value/,
    );
    expect(checkImportBindings([{ module: "m", name: "n", kind: "wat", source: " " }])).toMatch(
      /a wat binding needs source/,
    );
    expect(checkImportBindings([{ module: "m", name: "n", kind: "noop", value: 1 }])).toBe(
      'importBindings[0] ("m" "n"): a "noop" binding has no field "value"',
    );
    const twice = [
      { module: "m", name: "n", kind: "noop" },
      { module: "m", name: "n", kind: "trap" },
    ];
    expect(checkImportBindings(twice)).toBe(
      'importBindings[1] ("m" "n"): that import is bound already by [0]',
    );
  });

  it("execute refuses a bad binding as invalid_config", async () => {
    const bad = [{ module: "m", name: "n", kind: "nope" }] as unknown as ImportBinding[];
    const r = await run(`(module (func (export "main")))`, bad);
    expect(r.errorKind).toBe("invalid_config");
    expect(r.error).toContain('importBindings[0] ("m" "n")');
  });
});

describe("bindings of each kind", () => {
  const IMPORTS = `(module
    (import "${M}" "${N}" (func $multi (param i32) (result i32 i64 f64)))
    (import "env" "one" (func $one (result i64)))
    (import "env" "log" (func $log (param i32 i32)))
    (memory (export "memory") 1) (data (i32.const 0) "hi")
    (func (export "multi") (result i32 i64 f64) (call $multi (i32.const 9)))
    (func (export "one") (result i64) (call $one))
    (func (export "log") (call $log (i32.const 0) (i32.const 2))))`;
  const rest: ImportBinding[] = [
    { module: "env", name: "one", kind: "trap" },
    { module: "env", name: "log", kind: "trap" },
  ];

  it("nothing is bound without being asked for", async () => {
    const r = await run(IMPORTS, [{ module: "env", name: "one", kind: "noop" }]);
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain(`${M}.${N}`);
    expect(r.error).toContain("env.log (func (param i32 i32)): not in allowedImports");
    expect(r.error).not.toContain("env.one");
  });

  it("noop returns zeros of every result type (multi-value)", async () => {
    const r = await run(IMPORTS, [{ module: M, name: N, kind: "noop" }, ...rest], {
      entry: "multi",
    });
    expect(r).toMatchObject({ success: true, value: [0, 0n, 0] });
  });

  it("const returns the given values; i64 as bigint", async () => {
    const bindings: ImportBinding[] = [
      { module: M, name: N, kind: "const", value: [-1, 1n << 40n, 2.5] },
      { module: "env", name: "one", kind: "const", value: -(1n << 62n) },
      { module: "env", name: "log", kind: "trap" },
    ];
    expect(await run(IMPORTS, bindings, { entry: "multi" })).toMatchObject({
      success: true,
      value: [-1, 1n << 40n, 2.5],
    });
    expect(await run(IMPORTS, bindings, { entry: "one" })).toMatchObject({
      success: true,
      value: -(1n << 62n),
    });
  });

  it("a constant that does not fit the signature is import_denied naming the import", async () => {
    const number = await run(IMPORTS, [
      { module: M, name: N, kind: "noop" },
      { module: "env", name: "one", kind: "const", value: 7 },
      { module: "env", name: "log", kind: "trap" },
    ]);
    expect(number.errorKind).toBe("import_denied");
    expect(number.error).toBe(
      "1 import is not allowed: env.one (func (result i64)): constant 7 does not fit: an i64 must be a bigint in the 64-bit range (e.g. 7n)",
    );
    const count = await run(IMPORTS, [{ module: M, name: N, kind: "const", value: 1 }, ...rest]);
    expect(count.errorKind).toBe("import_denied");
    expect(count.error).toContain(
      `${M}.${N} (func (param i32) (result i32 i64 f64)): the constant binding gives 1 value(s) (1), but the import returns (i32 i64 f64)`,
    );
  });

  it("trap traps naming the import when it is called", async () => {
    const r = await run(IMPORTS, [{ module: M, name: N, kind: "trap" }, ...rest], {
      entry: "multi",
    });
    expect(r.errorKind).toBe("trap");
    expect(r.error).toContain(`import ${M}.${N} was called, but it is only a stub`);
  });

  it("host links the host function without an allowedImports entry", async () => {
    const r = await run(
      IMPORTS,
      [
        { module: M, name: N, kind: "noop" },
        { module: "env", name: "one", kind: "noop" },
        { module: "env", name: "log", kind: "host" },
      ],
      { entry: "log" },
    );
    expect(r).toMatchObject({ success: true, output: "hi" });
  });

  it("host for a function the host lacks is import_denied", async () => {
    const r = await run(IMPORTS, [{ module: M, name: N, kind: "host" }, ...rest]);
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain(
      `${M}.${N} (func (param i32) (result i32 i64 f64)): bound to the host, but the host provides no such function`,
    );
  });

  it("deny refuses an import that allowedImports allows", async () => {
    const r = await run(
      IMPORTS,
      [
        { module: M, name: N, kind: "noop" },
        { module: "env", name: "one", kind: "noop" },
        { module: "env", name: "log", kind: "deny" },
      ],
      { config: { allowedImports: ["env.log"] } },
    );
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toBe(
      "1 import is not allowed: env.log (func (param i32 i32)): denied by its binding",
    );
  });
});

describe("WAT host modules", () => {
  // The host's "work" loops `n` times: its fuel grows with n, so it must show in the run's.
  const HOST = `(module
    (func (export "work") (param $n i32) (result i32) (local $acc i32)
      (block $done (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
      (local.get $acc))
    (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1))))`;
  // The guest calls the host 3 times from a loop (a lazily counted function).
  const GUEST = `(module
    (import "${M}" "${N}" (func $work (param i32) (result i32)))
    (func (export "main") (result i32) (local $i i32) (local $sum i32)
      (loop $l
        (local.set $sum (i32.add (local.get $sum) (call $work (i32.const 100))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (i32.const 3))))
      (local.get $sum)))`;
  const bindWork = (source = HOST): ImportBinding[] => [
    { module: M, name: N, kind: "wat", source, export: "work" },
  ];

  it("runs the host's export and charges its fuel to the run, the same on every run", async () => {
    const bound = await run(GUEST, bindWork());
    expect(bound).toMatchObject({ success: true, value: 3 * 5050 });
    // The guest alone (a no-op binding costs nothing) and one host call on its own.
    const alone = await run(GUEST, [{ module: M, name: N, kind: "noop" }]);
    await using sandbox = new WasmSandbox({}, nodeRuntime());
    const hostCall = await sandbox.execute(await wat(HOST), { entry: "work", args: [100] });
    expect(hostCall.fuelConsumed).toBeGreaterThan(500n);
    expect(bound.fuelConsumed).toBe(alone.fuelConsumed! + 3n * hostCall.fuelConsumed!);
    expect((await run(GUEST, bindWork())).fuelConsumed).toBe(bound.fuelConsumed);
  });

  it("the budget covers the host: running out inside it is fuel_exhausted at the budget", async () => {
    const r = await run(GUEST, bindWork(), { config: { allowedImports: [], maxFuel: 1000 } });
    expect(r).toMatchObject({ errorKind: "fuel_exhausted", fuelConsumed: 1000n });
  });

  it("a trap in the host module names its export and the import", async () => {
    const guest = `(module (import "m" "d" (func $d (param i32 i32) (result i32)))
      (func (export "main") (result i32) (call $d (i32.const 1) (i32.const 0))))`;
    const r = await run(guest, [
      { module: "m", name: "d", kind: "wat", source: HOST, export: "div" },
    ]);
    expect(r.errorKind).toBe("trap");
    expect(r.error).toMatch(
      /^trap: .*divi.* by zero in export "div" of the WAT host module bound to \("m" "d"\)/,
    );
  });

  it("the export's signature must match the import's", async () => {
    const r = await run(GUEST, [{ module: M, name: N, kind: "wat", source: HOST, export: "div" }]);
    expect(r.errorKind).toBe("import_denied");
    expect(r.error).toContain(
      'wrong signature, the WAT host module\'s "div" is (func (param i32 i32) (result i32))',
    );
    const missing = await run(GUEST, [{ module: M, name: N, kind: "wat", source: HOST }]);
    expect(missing.error).toContain(`exports no function ${JSON.stringify(N)}`);
  });

  it("is capped like the guest: memory over the cap is memory_limit", async () => {
    const big = `(module (memory 32) (func (export "work") (param i32) (result i32) (i32.const 0)))`;
    const r = await run(GUEST, bindWork(big), {
      config: { allowedImports: [], maxMemoryBytes: 1024 * 1024 },
    });
    expect(r.errorKind).toBe("memory_limit");
    expect(r.error).toContain(`the WAT host module of ("${M}" "${N}")`);
  });

  it("a host module that does not compile, imports or starts anything is refused", async () => {
    const bad = await run(GUEST, bindWork("(module (func (export"));
    expect(bad.errorKind).toBe("compile_error");
    expect(bad.error).toContain(`the WAT host module of ("${M}" "${N}") did not compile`);
    const imports = await run(
      GUEST,
      bindWork(`(module (import "env" "log" (func (param i32 i32)))
        (func (export "work") (param i32) (result i32) (i32.const 0)))`),
    );
    expect(imports).toMatchObject({ errorKind: "invalid_config" });
    expect(imports.error).toContain('a host module can import nothing; it imports ("env" "log")');
    const start = await run(
      GUEST,
      bindWork(`(module (func $s) (start $s)
        (func (export "work") (param i32) (result i32) (i32.const 0)))`),
    );
    expect(start.error).toContain("a host module cannot have a start function");
  });
});
