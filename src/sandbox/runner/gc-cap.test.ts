// The runner on a GC allocation bomb instrumented with the GC cap: the run ends as memory_limit
// naming the cap, whatever the fuel. Runs where V8 has GC (Node 24; Node 20 skips).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { instrument } from "../instrument";
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import { envBinding } from "./env-host";
import { runGuest } from "./run-guest";

const hoard = new Uint8Array(
  readFileSync(join(import.meta.dirname, "../instrument/fixtures/wasm3/gc-hoard.wasm")),
);

describe.skipIf(!WebAssembly.validate(hoard))("runGuest: the GC allocation cap", () => {
  it("an allocation bomb with unlimited fuel ends as memory_limit naming the cap", async () => {
    const gcLimitBytes = 32 * 1024 * 1024;
    const outcome = await instrument(hoard, {
      maxMemoryBytes: 65_536,
      maxGcAllocationBytes: gcLimitBytes,
      lazyCounter: true,
      deferStart: true,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const request = {
      runId: 1,
      entry: "main",
      allowedImports: [],
      memoryLimitBytes: 65_536,
      gcLimitBytes,
      maxOutputBytes: 1024,
      fuelLimit: outcome.fuelLimit,
      metered: true,
      deterministic: true,
    };
    const hooks = { onEvent: () => {}, readFuel, readGrowRefused, hostBindings: [envBinding] };
    const first = await runGuest(outcome.bytes, request, hooks);
    expect(first).toMatchObject({ success: false, errorKind: "memory_limit" });
    expect(first.error).toMatch(/GC allocation cap of 32 MiB \(maxGcAllocationBytes\)/);
    // Each turn: an 8 MiB byte array (8 bytes of header) and a two-reference struct (8 + 2 × 8);
    // the fourth array is refused and counted.
    const array = 8 * 1024 * 1024 + 8;
    expect(first.gcAllocatedBytes).toBe(3 * (array + 24) + array);
    // The same run again: the same fuel and count (the cap is counted, not measured).
    const again = await runGuest(outcome.bytes, { ...request, runId: 2 }, hooks);
    expect(again.fuelConsumed).toBe(first.fuelConsumed);
    expect(again.gcAllocatedBytes).toBe(first.gcAllocatedBytes);
  });

  it("a run that allocates reports its bytes by declared sizes; one that allocates nothing has none", async () => {
    const gc = new Uint8Array(
      readFileSync(join(import.meta.dirname, "../instrument/fixtures/wasm3/gc.wasm")),
    );
    const outcome = await instrument(gc, { maxMemoryBytes: 65_536, deferStart: true });
    if (!outcome.ok) throw new Error(outcome.message);
    const request = {
      runId: 3,
      allowedImports: [],
      memoryLimitBytes: 65_536,
      maxOutputBytes: 1024,
      fuelLimit: outcome.fuelLimit,
      metered: true,
      deterministic: true,
    };
    const hooks = { onEvent: () => {}, readFuel, readGrowRefused, hostBindings: [] };
    const list = await runGuest(outcome.bytes, { ...request, entry: "list", args: [5] }, hooks);
    expect(list).toMatchObject({ success: true, value: 15 });
    // Five $node structs: 8 bytes of header, an i32 (4) and a reference (8).
    expect(list.gcAllocatedBytes).toBe(5 * 20);
    // call_ref and i31 allocate no struct or array: the count stays 0.
    const refs = await runGuest(outcome.bytes, { ...request, entry: "refs", args: [2] }, hooks);
    expect(refs).toMatchObject({ success: true, value: 42, gcAllocatedBytes: 0 });
  });
});
