// The built CLI, spawned as a user runs it: built first into a temporary directory (~2 s).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wat } from "../sandbox/testing/wat";

const repo = new URL("../..", import.meta.url);
const work = mkdtempSync(join(tmpdir(), "wasm-sandbox-cli-"));
const cli = join(work, "lib", "cli.js");
const wasi = (name: string) =>
  new URL(`../../public/examples/wasi/${name}.wasm`, import.meta.url).pathname;

beforeAll(async () => {
  execFileSync("npx", ["vite", "build", "-c", "vite.lib.config.ts", "--logLevel", "error"], {
    cwd: repo,
    env: { ...process.env, LIB_TARGET: "node", LIB_OUT_DIR: join(work, "lib") },
  });
  writeFileSync(
    join(work, "loop.wasm"),
    await wat(`(module (func (export "run") (loop $l (br $l))))`),
  );
  writeFileSync(
    join(work, "deep.wasm"),
    await wat(`(module (func $down (export "down") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`),
  );
  writeFileSync(
    join(work, "add.wasm"),
    await wat(
      `(module (func (export "add") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add))`,
    ),
  );
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, input, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the wasm-sandbox CLI (built, spawned)", () => {
  it("--json on fuel exhaustion: the whole result, bigints as strings, exit 114", () => {
    const r = run(["run", "loop.wasm", "--invoke", "run", "--fuel", "1000", "--json"]);
    expect(r.status).toBe(114);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({
      success: false,
      errorKind: "fuel_exhausted",
      fuelConsumed: "1000",
      fuelLimit: "1000",
    });
  });

  it("--invoke with i64 arguments past 2^53; the summary on stderr", () => {
    const r = run(["run", "add.wasm", "--invoke", "add", "--", "9007199254740993", "1"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^wasm-sandbox: ok → "9007199254740994" · fuel 3 · memory /);
  });

  it("a WASI program: output streams, argv and env, its exit code is the status", () => {
    const hello = run(["run", wasi("hello")]);
    expect(hello.status).toBe(0);
    expect(hello.stdout).toBe("Hello from C on WASI!\n");
    const args = run(["run", "--env", "GREETING=hi", wasi("args-env"), "--", "one", "--two"]);
    expect(args.stdout).toContain("one");
    expect(args.stdout).toContain("--two");
    expect(args.stdout).toContain("GREETING=hi");
    const exit = run(["run", wasi("exit3")]);
    expect(exit.status).toBe(3);
  });

  it("--stdin and --dir: files in, files the guest writes back out", () => {
    const r = run(["run", wasi("stdin-echo"), "--stdin", "-"], "piped text\n");
    expect(r.stdout).toContain("piped text");
    mkdirSync(join(work, "data"), { recursive: true });
    writeFileSync(join(work, "data", "input.txt"), "one two three\n");
    const wc = run(["run", "--dir", "data::/", wasi("wordcount")]);
    expect(wc.status).toBe(0);
    expect(readFileSync(join(work, "data", "output.txt"), "utf8")).toMatch(/\b1\D+3\D+14\b/);
    expect(readFileSync(join(work, "data", "input.txt"), "utf8")).toBe("one two three\n");
  });

  it("--max-stack sets the stack budget: a recursion the default holds ends as stack_overflow", () => {
    const args = ["run", "deep.wasm", "--invoke", "down", "--json"];
    const fits = run([...args, "--", "1000"]);
    expect(JSON.parse(fits.stdout)).toMatchObject({ success: true, value: 1000 });
    const tight = run([...args, "--max-stack", "16K", "--", "1000"]);
    expect(JSON.parse(tight.stdout)).toMatchObject({ success: false, errorKind: "stack_overflow" });
    const bad = run([...args, "--max-stack", "4K", "--", "1"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("maxStackBytes");
  });

  it("the timeout kills the run: exit 124", () => {
    const r = run(["run", "loop.wasm", "--invoke", "run", "--timeout", "300"]);
    expect(r.status).toBe(124);
    expect(r.stderr).toMatch(/^wasm-sandbox: timeout: .*timeout/m);
  });

  it("bad arguments: a clear message and exit 2", () => {
    const r = run(["run", "loop.wasm", "--fuel", "lots"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: --fuel must be a whole number of units; got "lots"');
    expect(r.stderr).toContain("Usage: wasm-sandbox run");
    expect(run(["run", "missing.wasm"]).stderr).toContain("cannot read missing.wasm: no such file");
    expect(run(["run", "loop.wasm", "--max-memory", "1K"]).status).toBe(2);
  });

  it("instrument writes a module that runs out of fuel in plain WebAssembly", async () => {
    const r = run([
      "instrument",
      "loop.wasm",
      "-o",
      "loop.fuel.wasm",
      "--fuel",
      "500",
      "--max-memory",
      "1M",
    ]);
    expect(r.status).toBe(0);
    const { instance } = await WebAssembly.instantiate(readFileSync(join(work, "loop.fuel.wasm")));
    expect(() => (instance.exports.run as () => void)()).toThrow(WebAssembly.RuntimeError);
    expect((instance.exports.__sandbox_fuel_remaining as WebAssembly.Global).value).toBeLessThan(
      0n,
    );
  });

  it("--help reads like wasmtime's", () => {
    expect(run(["--help"]).stdout).toMatch(/^Usage: wasm-sandbox <COMMAND>$/m);
    expect(run(["run", "--help"]).stdout).toMatch(/Exit status:\n {2}0 {3}the entry returned/);
  });
});
