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
  meteredCpuMs: number[];
  unmeteredCpuMs: number[];
  /** The same ratio in CPU time of the renderer's threads; undefined without the driver's probe. */
  cpuRatio: number | undefined;
  /**
   * CPU-time ratio of the exact counter shape (a sandbox with real clocks does not use the lazy
   * counter, see sandbox.ts), measured in the same interleaved runs.
   */
  exactCpuRatio: number | undefined;
  /** Profiled (execute's `profile: true`) ÷ unmetered: guest wall time, and CPU time. */
  profiledRatio: number;
  profiledCpuRatio: number | undefined;
  fuel: string;
  originalBytes: number;
  /** The metered module as the runner gets it (fuel pass + caps), from the toolchain worker. */
  instrumentedBytes: number;
}

/** Instrumented vs original execution time of one kernel, interleaved run by run. */
async function overhead(kernel: string, arg: number, reps: number): Promise<OverheadFigure> {
  const bytes = await fetchBytes(`${kernel}.wasm`);
  const config = { timeoutMs: 120_000, maxMemoryBytes: 256 * 1024 * 1024 };
  await using sandbox = new WasmSandbox(config);
  await using exactSandbox = new WasmSandbox({ ...config, deterministic: false });
  const run = async (unmetered: boolean, exact = false, profile = false) =>
    expectSuccess(
      await (exact ? exactSandbox : sandbox).execute(bytes.slice(), {
        entry: "run",
        args: [arg],
        unmetered,
        profile,
      }),
      `${kernel}${unmetered ? " (unmetered)" : exact ? " (exact counter)" : profile ? " (profiled)" : ""}`,
    );
  // Warm every path once: instrumentation cache, worker, V8 tier-up of the runner itself.
  await run(true);
  await run(false, true);
  await run(false, false, true);
  const first = await run(false);
  const meteredMs: number[] = [];
  const unmeteredMs: number[] = [];
  const meteredCpuMs: number[] = [];
  const unmeteredCpuMs: number[] = [];
  const exactCpuMs: number[] = [];
  const profiledMs: number[] = [];
  const profiledCpuMs: number[] = [];
  // CPU time of the renderer's threads (page + workers) around each run, when the driver
  // exposes it: unlike wall time it does not count the time other processes hold the cores.
  const cpu = (window as unknown as { rendererCpuMs?: () => Promise<number> }).rendererCpuMs;
  const timed = async (unmetered: boolean) => {
    const c0 = cpu ? await cpu() : 0;
    const result = await run(unmetered);
    const c1 = cpu ? await cpu() : 0;
    (unmetered ? unmeteredMs : meteredMs).push(result.executionTimeMs);
    if (cpu) (unmetered ? unmeteredCpuMs : meteredCpuMs).push(c1 - c0);
  };
  for (let i = 0; i < reps; i++) {
    const [a, b] = i % 2 ? [true, false] : [false, true];
    await timed(a);
    await timed(b);
    if (cpu) {
      const c0 = await cpu();
      await run(false, true);
      exactCpuMs.push((await cpu()) - c0);
    }
    const c0 = cpu ? await cpu() : 0;
    profiledMs.push((await run(false, false, true)).executionTimeMs);
    if (cpu) profiledCpuMs.push((await cpu()) - c0);
  }
  const limits = { maxMemoryBytes: sandbox.config.maxMemoryBytes, maxFuel: sandbox.config.maxFuel };
  const instrumented = await sharedToolchain().instrument(bytes.slice(), limits);
  if (!instrumented.ok) throw new Error(`instrument ${kernel}: ${instrumented.message}`);
  return {
    kernel,
    meteredMs,
    unmeteredMs,
    ratio: median(meteredMs) / median(unmeteredMs),
    meteredCpuMs,
    unmeteredCpuMs,
    cpuRatio: cpu ? median(meteredCpuMs) / median(unmeteredCpuMs) : undefined,
    exactCpuRatio: cpu ? median(exactCpuMs) / median(unmeteredCpuMs) : undefined,
    profiledRatio: median(profiledMs) / median(unmeteredMs),
    profiledCpuRatio: cpu ? median(profiledCpuMs) / median(unmeteredCpuMs) : undefined,
    fuel: String(first.fuelConsumed),
    originalBytes: bytes.length,
    instrumentedBytes: instrumented.instrumentedSize,
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

interface MemoryBreakdown {
  bytes: number;
  attribution: { url?: string; scope?: string }[];
  types: string[];
}
interface MemoryMeasurement {
  bytes: number;
  breakdown: MemoryBreakdown[];
}

async function measureMemory(): Promise<MemoryMeasurement> {
  const api = performance as Performance & {
    measureUserAgentSpecificMemory?: () => Promise<MemoryMeasurement>;
  };
  if (!crossOriginIsolated || !api.measureUserAgentSpecificMemory) {
    throw new Error(
      "performance.measureUserAgentSpecificMemory() needs a cross-origin isolated page",
    );
  }
  return api.measureUserAgentSpecificMemory();
}

/** Bytes of the breakdown entries attributed to workers whose script URL contains `name`. */
function workerBytes(m: MemoryMeasurement, name: string): number[] {
  return m.breakdown
    .filter((b) =>
      b.attribution.some((a) => a.scope === "DedicatedWorkerGlobalScope" && a.url?.includes(name)),
    )
    .map((b) => b.bytes);
}

/**
 * Memory per sandbox: page + workers measured by the browser (JS heaps, wasm memories and
 * array buffers included), before and after `count` sandboxes have each run a guest whose
 * memory is `guestPages` pages; and each runner worker's own bytes, minus the guest memory.
 */
async function memoryPerSandbox(count: number, guestPages: number) {
  // Load the shared toolchain worker first so its cost is not put on the sandboxes.
  await using warm = new WasmSandbox({ timeoutMs: 10_000 });
  expectSuccess(await warm.execute(RETURN_42.slice()), "warm-up");
  // The renderer process's resident set (workers are threads of it), when the driver exposes it:
  // V8 isolates, worker stacks and compiled code, which the JS-heap measurement leaves out.
  const rss = (window as unknown as { rendererRss?: () => Promise<number> }).rendererRss;
  const rssBefore = rss ? await rss() : undefined;
  const before = await measureMemory();
  const guest = memoryModule(guestPages);
  const sandboxes: WasmSandbox[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const sandbox = new WasmSandbox({ timeoutMs: 10_000, maxMemoryBytes: 64 * 1024 * 1024 });
      sandboxes.push(sandbox);
      expectSuccess(await sandbox.execute(guest.slice()), "memory guest");
    }
    const after = await measureMemory();
    const rssAfter = rss ? await rss() : undefined;
    return {
      rssBefore,
      rssAfter,
      count,
      guestBytes: guestPages * 65_536,
      pageBytesBefore: before.bytes,
      pageBytesAfter: after.bytes,
      perSandboxBytes: (after.bytes - before.bytes) / count,
      runnerWorkerBytes: workerBytes(after, "runner"),
      toolchainWorkerBytes: workerBytes(after, "toolchain"),
      breakdown: after.breakdown,
    };
  } finally {
    for (const s of sandboxes) await s.close();
  }
}

/** A module with an exported memory of `pages` pages whose `main` touches every page. */
function memoryModule(pages: number): Uint8Array {
  const leb = (n: number) => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  // main: memory.fill(0, 1, pages * 65536); return 42
  const body = [
    0x00,
    0x41,
    0x00,
    0x41,
    0x01,
    0x41,
    ...sleb(pages * 65_536),
    0xfc,
    0x0b,
    0x00,
    0x41,
    0x2a,
    0x0b,
  ];
  function sleb(n: number): number[] {
    const out: number[] = [];
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
        out.push(b);
        return out;
      }
      out.push(b | 0x80);
    }
  }
  const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x00, 0x01, 0x7f]),
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, ...leb(pages)]),
    ...section(7, [0x02, 0x04, 0x6d, 0x61, 0x69, 0x6e, 0x00, 0x00, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]); // prettier-ignore
}

declare global {
  interface Window {
    bench: {
      overhead: typeof overhead;
      startLatency: typeof startLatency;
      instrumentLarge: typeof instrumentLarge;
      memoryPerSandbox: typeof memoryPerSandbox;
    };
  }
}

window.bench = { overhead, startLatency, instrumentLarge, memoryPerSandbox };
document.body.dataset.ready = "true";
