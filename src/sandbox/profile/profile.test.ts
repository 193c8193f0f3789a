import { describe, expect, it } from "vitest";
import { WasmSandbox } from "../sandbox";
import { nodeRuntime } from "../testing/node-runtime";
import { wat } from "../testing/wat";
import { envBinding } from "../runner/env-host";
import { wasiBinding } from "../runner/wasi-binding";
import type { ExecutionResult, FuelProfile } from "../types";

const FIB = `(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func $main (export "main") (result i32) (call $fib (i32.const 20))))`;

async function run(
  source: string,
  config: ConstructorParameters<typeof WasmSandbox>[0] = {},
  options: Parameters<WasmSandbox["execute"]>[1] = {},
): Promise<ExecutionResult> {
  const runtime = nodeRuntime([envBinding, wasiBinding]);
  await using sandbox = new WasmSandbox({ allowedImports: [], ...config }, runtime);
  return await sandbox.execute(await wat(source, { names: true }), { ...options, profile: true });
}

/** Whether this engine runs try_table (the npm wabt parses it either way). */
const tryTableRuns = await wat(`(module (func (block (try_table (catch_all 0)))))`, {
  validate: false,
}).then(
  (bytes) => WebAssembly.validate(bytes),
  () => false,
);

function selfSum(profile: FuelProfile | undefined): bigint {
  return (profile?.functions ?? []).reduce((sum, f) => sum + f.selfFuel, 0n);
}

function byName(profile: FuelProfile | undefined, name: string) {
  const found = profile?.functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name} in the profile`);
  return found;
}

describe("fuel profile", () => {
  it("counts fib(20)'s 21,891 calls of fib, and its self fuel adds up to fuelConsumed", async () => {
    const r = await run(FIB);
    expect(r.success).toBe(true);
    expect(r.value).toBe(6765);
    const fib = byName(r.profile, "fib");
    expect(fib.calls).toBe(21_891n);
    expect(byName(r.profile, "main").calls).toBe(1n);
    expect(selfSum(r.profile)).toBe(r.fuelConsumed);
    // main's total is the whole run; fib's total (counted once per path) is all but main's own.
    expect(byName(r.profile, "main").totalFuel).toBe(r.fuelConsumed);
    expect(fib.totalFuel).toBe(fib.selfFuel);
    expect(fib.totalFuel + byName(r.profile, "main").selfFuel).toBe(r.fuelConsumed);
  });

  it("consumes the same fuel as an ordinary run and attributes it the same way twice", async () => {
    await using sandbox = new WasmSandbox({ allowedImports: [] }, nodeRuntime());
    const bytes = await wat(FIB);
    const plain = await sandbox.execute(bytes);
    const first = await sandbox.execute(bytes, { profile: true });
    const second = await sandbox.execute(bytes, { profile: true });
    expect(plain.profile).toBeUndefined();
    expect(first.fuelConsumed).toBe(plain.fuelConsumed);
    expect(second.profile).toEqual(first.profile);
  });

  it('returns the same profile as typed arrays with profile: "columns"', async () => {
    await using sandbox = new WasmSandbox({ allowedImports: [] }, nodeRuntime());
    const bytes = await wat(FIB, { names: true });
    const built = (await sandbox.execute(bytes, { profile: true })).profile;
    const r = await sandbox.execute(bytes, { profile: "columns" });
    expect(r.profile).toBeUndefined();
    const c = r.profileColumns;
    if (!c || !built) throw new Error("no profile");
    expect(Array.from(c.functions.index)).toEqual(built.functions.map((f) => f.index));
    expect(Array.from(c.functions.calls)).toEqual(built.functions.map((f) => Number(f.calls)));
    expect(Array.from(c.functions.self)).toEqual(built.functions.map((f) => Number(f.selfFuel)));
    expect(Array.from(c.functions.total)).toEqual(built.functions.map((f) => Number(f.totalFuel)));
    expect(Array.from(c.total.subarray(1))).toEqual(built.callTree.map((n) => Number(n.totalFuel)));
    expect(c.names).toMatchObject({ 1: "main" });
    expect(c.total[0]).toBe(Number(r.fuelConsumed));
  });

  it("builds the call tree by path: one node per recursion depth, totals inclusive", async () => {
    const r = await run(FIB);
    const tree = r.profile?.callTree ?? [];
    // main → fib(20) → … → fib at depths 1..20 (fib(n) recurses n-1 deep on its left spine).
    expect(tree[0]).toMatchObject({ parent: -1, calls: 1n, totalFuel: r.fuelConsumed });
    const depthOf = (i: number): number => (tree[i].parent < 0 ? 0 : 1 + depthOf(tree[i].parent));
    expect(Math.max(...tree.map((_, i) => depthOf(i)))).toBe(20);
    expect(tree.reduce((sum, n) => sum + n.calls, 0n)).toBe(21_892n);
    for (const [i, node] of tree.entries()) {
      const children = tree.filter((c) => c.parent === i);
      expect(node.totalFuel).toBe(children.reduce((s, c) => s + c.totalFuel, node.selfFuel));
    }
  });

  it("adds up exactly when the fuel runs out", async () => {
    const r = await run(FIB, { maxFuel: 10_000 });
    expect(r.errorKind).toBe("fuel_exhausted");
    expect(r.fuelConsumed).toBe(10_000n);
    expect(selfSum(r.profile)).toBe(10_000n);
  });

  it("adds up exactly when the guest traps, in the function that trapped", async () => {
    const r = await run(`(module
      (func $boom (param i32) (result i32)
        (i32.div_u (i32.const 1) (local.get 0)))
      (func (export "main") (result i32)
        (drop (call $boom (i32.const 1)))
        (call $boom (i32.const 0))))`);
    expect(r.errorKind).toBe("trap");
    expect(selfSum(r.profile)).toBe(r.fuelConsumed);
    expect(byName(r.profile, "boom").calls).toBe(2n);
  });

  it("adds up exactly when a WASI program exits", async () => {
    const r = await run(
      `(module
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1)
        (func $work (param i32) (result i32)
          (loop $l (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br_if $l (local.get 0)))
          (i32.const 3))
        (func (export "_start") (call $exit (call $work (i32.const 100)))))`,
      { allowedImports: ["wasi_snapshot_preview1.*"] },
    );
    expect(r.errorKind).toBe("exit");
    expect(r.exitCode).toBe(3);
    expect(selfSum(r.profile)).toBe(r.fuelConsumed);
    expect(byName(r.profile, "_start").totalFuel).toBe(r.fuelConsumed);
  });
});

/** The call path of a node, root first, by function name. */
function pathOf(profile: FuelProfile | undefined, node: number): string[] {
  const tree = profile?.callTree ?? [];
  const names = new Map(profile?.functions.map((f) => [f.index, f.name ?? `#${f.index}`]));
  const path: string[] = [];
  for (let i = node; i >= 0; i = tree[i].parent) path.unshift(names.get(tree[i].function) ?? "?");
  return path;
}

function pathsOf(profile: FuelProfile | undefined): string[] {
  return (profile?.callTree ?? []).map((_, i) => pathOf(profile, i).join(">"));
}

describe("fuel profile attribution", () => {
  it("gives each function exactly the fuel of its own instructions", async () => {
    const r = await run(`(module
      (func $leaf (result i32) (i32.const 1))
      (func $pair (result i32) (i32.add (call $leaf) (call $leaf)))
      (func (export "main") (result i32) (i32.add (call $pair) (call $leaf))))`);
    // leaf: i32.const (1); pair: call, call, i32.add (3); main: call, call, i32.add (3).
    expect(byName(r.profile, "leaf")).toMatchObject({ calls: 3n, selfFuel: 3n, totalFuel: 3n });
    expect(byName(r.profile, "pair")).toMatchObject({ calls: 1n, selfFuel: 3n, totalFuel: 5n });
    expect(byName(r.profile, "main")).toMatchObject({ selfFuel: 3n, totalFuel: 9n });
    expect(r.fuelConsumed).toBe(9n);
    expect(pathsOf(r.profile)).toEqual(["main", "main>pair", "main>pair>leaf", "main>leaf"]);
  });

  it("leaves through return, br to the function label and br_table", async () => {
    const r = await run(`(module
      (func $leaf (result i32) (i32.const 1))
      (func $early (param i32) (result i32)
        (drop (block $a (result i32)
          (br_table $a $a 1 (i32.const 9) (local.get 0))))
        (if (local.get 0) (then (return (i32.const 7))))
        (br 0 (i32.const 8)))
      (func (export "main") (result i32)
        (drop (call $early (i32.const 0)))
        (drop (call $early (i32.const 1)))
        (drop (call $early (i32.const 2)))
        (call $leaf)))`);
    expect(r.error).toBeUndefined();
    expect(byName(r.profile, "early").calls).toBe(3n);
    expect(pathsOf(r.profile)).toEqual(["main", "main>early", "main>leaf"]);
    expect(selfSum(r.profile)).toBe(r.fuelConsumed);
  });

  it("makes a tail-called function its caller's sibling", async () => {
    const r = await run(`(module
      (func $leaf (result i32) (i32.const 1))
      (func $tail (result i32) (return_call $leaf))
      (func (export "main") (result i32) (i32.add (call $tail) (call $leaf))))`);
    expect(r.success).toBe(true);
    expect(pathsOf(r.profile)).toEqual(["main", "main>tail", "main>leaf"]);
    expect(byName(r.profile, "leaf").calls).toBe(2n);
    expect(byName(r.profile, "tail").selfFuel).toBe(1n);
    expect(selfSum(r.profile)).toBe(r.fuelConsumed);
  });

  it("carries multiple results through a function that takes params", async () => {
    const r = await run(`(module
      (func $swap (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
      (func (export "main") (result i32)
        (i32.sub (call $swap (i32.const 1) (i32.const 10)))))`);
    expect(r.value).toBe(9);
    expect(byName(r.profile, "swap").selfFuel).toBe(2n);
  });

  for (const [kind, handler] of [
    ["try_table", `(block $h (try_table (catch_all $h) (call $mid (i32.const 1))))`],
    ["legacy try", `(try (do (call $mid (i32.const 1))) (catch_all))`],
  ] as const) {
    // Node 20's V8 has the legacy exception instructions only; Chromium runs both.
    it.skipIf(kind === "try_table" && !tryTableRuns)(
      `takes the frames an exception unwound off the stack (${kind})`,
      async () => {
        const r = await run(`(module
        (tag $e)
        (func $leaf (result i32) (i32.const 1))
        (func $thrower (param i32) (if (local.get 0) (then (throw $e))))
        (func $mid (param i32) (call $thrower (local.get 0)) (drop (call $leaf)))
        (func (export "main") (result i32)
          ${handler}
          (call $leaf)))`);
        expect(r.error).toBeUndefined();
        expect(pathsOf(r.profile)).toEqual(["main", "main>mid", "main>mid>thrower", "main>leaf"]);
        // thrower: local.get, if, throw; mid: its one region, local.get call call drop, charged
        // at entry (the fuel model charges a region before it runs, unwound or not).
        expect(byName(r.profile, "thrower").selfFuel).toBe(3n);
        expect(byName(r.profile, "mid").selfFuel).toBe(4n);
        expect(selfSum(r.profile)).toBe(r.fuelConsumed);
      },
    );
  }

  it("profiles the start function as a root of its own", async () => {
    const r = await run(`(module
      (global $g (mut i32) (i32.const 0))
      (func $init (global.set $g (i32.const 5)))
      (func (export "main") (result i32) (global.get $g))
      (start $init))`);
    expect(r.value).toBe(5);
    expect(pathsOf(r.profile)).toEqual(["init", "main"]);
    expect(selfSum(r.profile)).toBe(r.fuelConsumed);
  });
});
