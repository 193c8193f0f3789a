// The benchmark page: runs figures in the real browser, through the same engine the playground
// uses. scripts/bench.mjs drives it with Playwright and serves the fixtures under /bench-fixtures/.
import { WasmSandbox, sharedToolchain } from "../sandbox";
import type { ExecutionResult } from "../sandbox/types";

async function fetchBytes(name: string): Promise<Uint8Array> {
  const response = await fetch(`/bench-fixtures/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function expectSuccess(result: ExecutionResult, what: string): ExecutionResult {
  if (!result.success) throw new Error(`${what} failed: ${result.errorKind}: ${result.error}`);
  return result;
}

export interface OverheadFigure {
  kernel: string;
  meteredMs: number[];
  unmeteredMs: number[];
  ratio: number;
  fuel: string;
}

/** Instrumented vs original execution time of one kernel, interleaved run by run. */
async function overhead(kernel: string, arg: number, reps: number): Promise<OverheadFigure> {
  const bytes = await fetchBytes(`${kernel}.wasm`);
  await using sandbox = new WasmSandbox({ timeoutMs: 120_000, maxMemoryBytes: 256 * 1024 * 1024 });
  const run = async (unmetered: boolean) =>
    expectSuccess(
      await sandbox.execute(bytes.slice(), { entry: "run", args: [arg], unmetered }),
      `${kernel}${unmetered ? " (unmetered)" : ""}`,
    );
  // Warm both paths once: instrumentation cache, worker, V8 tier-up of the runner itself.
  await run(true);
  const first = await run(false);
  const meteredMs: number[] = [];
  const unmeteredMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const [a, b] = i % 2 ? [true, false] : [false, true];
    const ra = await run(a);
    const rb = await run(b);
    (a ? unmeteredMs : meteredMs).push(ra.executionTimeMs);
    (b ? unmeteredMs : meteredMs).push(rb.executionTimeMs);
  }
  return {
    kernel,
    meteredMs,
    unmeteredMs,
    ratio: median(meteredMs) / median(unmeteredMs),
    fuel: String(first.fuelConsumed),
  };
}

const RETURN_42 = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03,
  0x02, 0x01, 0x00, 0x07, 0x08, 0x01, 0x04, 0x6d, 0x61, 0x69, 0x6e, 0x00, 0x00, 0x0a, 0x06, 0x01,
  0x04, 0x00, 0x41, 0x2a, 0x0b,
]);

/** execute() called → result back, for a module returning 42: an upper bound of start latency. */
async function startLatency(reps: number) {
  const cold: number[] = [];
  for (let i = 0; i < Math.min(reps, 10); i++) {
    const sandbox = new WasmSandbox({ timeoutMs: 10_000 });
    const t0 = performance.now();
    expectSuccess(await sandbox.execute(RETURN_42.slice()), "cold start");
    cold.push(performance.now() - t0);
    await sandbox.close();
  }
  await using sandbox = new WasmSandbox({ timeoutMs: 10_000 });
  expectSuccess(await sandbox.execute(RETURN_42.slice()), "warm-up");
  const warm: number[] = [];
  const enteredAfter: number[] = [];
  for (let i = 0; i < reps; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5)); // let the next runner get warm
    const t0 = performance.now();
    const result = expectSuccess(await sandbox.execute(RETURN_42.slice()), "warm start");
    warm.push(performance.now() - t0);
    enteredAfter.push(result.timings.instantiateMs + result.timings.instrumentMs);
  }
  return { cold, warm, enteredAfter };
}

/** Instrumentation of a large module in the toolchain worker: cold, then the cached repeat. */
async function instrumentLarge(name: string) {
  const bytes = await fetchBytes(name);
  const toolchain = sharedToolchain();
  const limits = { maxMemoryBytes: 1024 * 1024 * 1024, maxFuel: 10_000_000_000 };
  const timed = async () => {
    const t0 = performance.now();
    const outcome = await toolchain.instrument(bytes.slice(), limits);
    const wallMs = performance.now() - t0;
    if (!outcome.ok) throw new Error(`instrument ${name}: ${outcome.kind}: ${outcome.message}`);
    return { wallMs, instrumentMs: outcome.instrumentMs, size: outcome.instrumentedSize };
  };
  const first = await timed();
  const second = await timed();
  return { bytes: bytes.length, first, second };
}

declare global {
  interface Window {
    bench: {
      overhead: typeof overhead;
      startLatency: typeof startLatency;
      instrumentLarge: typeof instrumentLarge;
    };
  }
}

window.bench = { overhead, startLatency, instrumentLarge };
document.body.dataset.ready = "true";
