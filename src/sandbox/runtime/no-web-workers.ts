// Stands in for spawn-workers.ts in the package's Node build (vite.lib.config.ts): Node has no
// Web Workers, and the browser's worker bundles (the compilers among them) have no place there.

function unavailable(): never {
  throw new Error("Web Workers are not available here: on Node the sandbox uses worker_threads");
}

export const spawnRunnerWorker = unavailable;
export const spawnToolchainWorker = unavailable;
