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
    // The same run again: the same fuel (the cap is counted, not measured).
    const again = await runGuest(outcome.bytes, { ...request, runId: 2 }, hooks);
    expect(again.fuelConsumed).toBe(first.fuelConsumed);
  });
});
