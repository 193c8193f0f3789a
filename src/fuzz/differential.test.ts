// The differential harness itself: it must see a difference when there is one (else a green
// fuzz run means nothing), and every committed reproducer in ./regressions must stay fixed.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { inspect } from "../sandbox/inspect/inspect";
import { watToBinary } from "../hostile/wat";
import { callPlan, checkModule } from "./differential";
import { Executor } from "./executor";
import { FUZZ_MEMORY_EXPORT, exposeMemory } from "./expose-memory";
import { differences } from "./observation";

const executor = new Executor(10_000);
afterAll(() => executor.close());

const program = (value: number, data: string) =>
  watToBinary(`(module
    (import "fuzzing-support" "log-i32" (func $log (param i32)))
    (memory 1)
    (data (i32.const 0) "${data}")
    (global $g (export "g") (mut i32) (i32.const 0))
    (func (export "main") (param i32) (result i32)
      (call $log (local.get 0))
      (global.set $g (i32.const ${value}))
      (i32.const ${value})))`);

async function observe(bytes: Uint8Array) {
  const info = inspect(bytes);
  if (!info.ok) throw new Error(info.message);
  const outcome = await executor.run(exposeMemory(bytes, info.info), callPlan(info.info));
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.observation;
}

describe("differential harness", () => {
  it("sees no difference between a module and itself", async () => {
    const a = await observe(await program(1, "abc"));
    expect(a.events).toEqual([
      "instantiated",
      "call main#0",
      "log-i32 0",
      "=> 1",
      "call main#1",
      "log-i32 -7",
      "=> 1",
    ]);
    expect(differences(a, await observe(await program(1, "abc")))).toEqual([]);
  });

  it("sees a different result and global, and a different private memory", async () => {
    const base = await observe(await program(1, "abc"));
    expect(differences(base, await observe(await program(2, "abc")))).toHaveLength(2);
    const memory = differences(base, await observe(await program(1, "abd")));
    expect(memory).toEqual([expect.stringContaining(`memories.${FUZZ_MEMORY_EXPORT}`)]);
  });

  it("ends a module that never returns as a hang, and recovers", async () => {
    const spin = await watToBinary(`(module (func (export "main") (loop (br 0))))`);
    const quick = new Executor(2_000);
    try {
      expect(await quick.run(spin, { calls: [{ name: "main", params: [] }] })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/hang/),
      });
      expect(await quick.run(await program(1, "a"), { calls: [] })).toMatchObject({ ok: true });
    } finally {
      await quick.close();
    }
  });

  it("takes the stack budget's end for a stack overflow, not a difference", async () => {
    // 3,000 frames of 264 estimated bytes pass the 256 KiB budget; V8's own stack holds them.
    const deep = await watToBinary(`(module
      (func $deep (param i32) (result i32) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
        i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (call $deep (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
      (func (export "main") (result i32) (call $deep (i32.const 3000))))`);
    expect((await observe(deep)).events).toContain("=> 3000");
    expect(await checkModule(deep, executor)).toMatchObject({
      verdict: "inconclusive",
      reason: "stack overflow",
    });
  });

  it("does not wait for the original once the instrumented run reached the stack budget", async () => {
    // Found by the Wasm 3.0 campaign (seed 1289183955, module 89), minimised: binaryen's hang
    // limit traps, the host's call-ref-catch catches it and the loop calls again. Near V8's
    // own stack limit that never ends; instrumented, the frames the traps unwound keep their
    // weight, the budget runs dry and the run ends. It was reported as "original: hang".
    const retry = await watToBinary(`(module
      (import "fuzzing-support" "call-ref-catch" (func $catch (param funcref) (result i32)))
      (global $hang (mut i32) (i32.const 100))
      (elem declare func $retry)
      (func $retry (export "retry") (local ${"i64 ".repeat(500)})
        (loop $again
          (if (i32.eqz (global.get $hang))
            (then (global.set $hang (i32.const 100)) (unreachable)))
          (global.set $hang (i32.sub (global.get $hang) (i32.const 1)))
          (drop (call $catch (ref.func $retry)))
          (br $again))))`);
    // A bound well above the instrumented run (under 1 s here): a loaded machine is slow.
    const quick = new Executor(20_000);
    try {
      expect(await checkModule(retry, quick)).toMatchObject({
        verdict: "inconclusive",
        reason: "stack overflow",
      });
    } finally {
      await quick.close();
    }
  });

  it("judges an ordinary module the same after instrumentation", async () => {
    expect(await checkModule(await program(3, "xyz"), executor)).toMatchObject({ verdict: "same" });
  });
});

describe("committed fuzz reproducers stay fixed", () => {
  const dir = new URL("./regressions/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".wasm"));
  if (files.length === 0) it.skip("none committed yet", () => {});
  for (const file of files) {
    it(file, async () => {
      const verdict = await checkModule(new Uint8Array(readFileSync(new URL(file, dir))), executor);
      expect(verdict.verdict === "mismatch" ? verdict.details : []).toEqual([]);
    });
  }
});
