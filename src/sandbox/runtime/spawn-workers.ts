// The only place workers are created. Written literally as `new Worker(new URL(…,
// import.meta.url), { type: "module" })` so Vite bundles each worker as its own ES chunk.

export function spawnRunnerWorker(): Worker {
  return new Worker(new URL("../runner/runner.worker.ts", import.meta.url), {
    type: "module",
    name: "wasm-sandbox-runner",
  });
}

export function spawnToolchainWorker(): Worker {
  return new Worker(new URL("../toolchain/toolchain.worker.ts", import.meta.url), {
    type: "module",
    name: "wasm-sandbox-toolchain",
  });
}

export function spawnDisassemblyWorker(): Worker {
  return new Worker(new URL("../disassembly/disassembly.worker.ts", import.meta.url), {
    type: "module",
    name: "wasm-sandbox-disassembly",
  });
}

export function spawnClangWorker(): Worker {
  return new Worker(new URL("../toolchain/clang/clang.worker.ts", import.meta.url), {
    type: "module",
    name: "wasm-sandbox-clang",
  });
}
