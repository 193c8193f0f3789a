// The benchmark kernels (real clang and AssemblyScript output), profiled: the same fuel and
// value as an ordinary run, every unit of fuel in one function's selfFuel, to the budget's end.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { WasmSandbox } from "../sandbox";
import { nodeRuntime } from "../testing/node-runtime";

const kernel = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../bench/kernels/${name}.wasm`, import.meta.url)));

const CASES: [name: string, arg: number][] = [
  ["fib", 14],
  ["sort", 1],
  ["hash", 2],
  ["interp", 300],
  ["nbody", 30],
  ["sieve", 1],
  ["compress", 2],
  ["as-levenshtein", 1],
];

describe("profiled kernels", () => {
  test.each(CASES)("%s: same fuel as an ordinary run, self fuel adds up", async (name, arg) => {
    const bytes = kernel(name);
    const run = { entry: "run", args: [arg] };
    await using sandbox = new WasmSandbox({ allowedImports: ["env.*"] }, nodeRuntime());
    const plain = await sandbox.execute(bytes, run);
    const profiled = await sandbox.execute(bytes, { ...run, profile: true });
    expect(plain.error).toBeUndefined();
    expect(profiled.value).toEqual(plain.value);
    expect(profiled.fuelConsumed).toBe(plain.fuelConsumed);
    const sum = (r: typeof profiled) =>
      (r.profile?.functions ?? []).reduce((s, f) => s + f.selfFuel, 0n);
    expect(sum(profiled)).toBe(plain.fuelConsumed);
    const roots = profiled.profile?.callTree.filter((n) => n.parent < 0) ?? [];
    expect(roots.reduce((s, n) => s + n.totalFuel, 0n)).toBe(plain.fuelConsumed);

    const half = (plain.fuelConsumed as bigint) / 2n;
    await using limited = new WasmSandbox(
      { allowedImports: ["env.*"], maxFuel: half },
      nodeRuntime(),
    );
    const cut = await limited.execute(bytes, { ...run, profile: true });
    expect(cut.errorKind).toBe("fuel_exhausted");
    expect(sum(cut)).toBe(half);
  });
});
