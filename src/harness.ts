// The engine test page (harness.html): the library on window.sandboxLib, for e2e tests and
// for trying the engine from the devtools console. No UI. Lifecycle internals that no library
// user needs are on window.engineInternals, for the tests that fake a dying worker.
import * as sandboxLib from "./sandbox";
import { WorkerHandle } from "./sandbox/runtime/worker-handle";
import { runWastScript } from "./sandbox/testing/wast-runner";

const engineInternals = { WorkerHandle };
// The spec harness (e2e/wasm3-spec.spec.ts) runs converted .wast scripts in this page's V8.
const wastHarness = { runWastScript };

declare global {
  interface Window {
    sandboxLib: typeof sandboxLib;
    engineInternals: typeof engineInternals;
    wastHarness: typeof wastHarness;
  }
}

window.sandboxLib = sandboxLib;
window.engineInternals = engineInternals;
window.wastHarness = wastHarness;
document.body.dataset.ready = "true";

// In dev, other edits to the engine must not reload this page under a running test: accept
// updates here (the new library replaces the old on window) instead of a full reload.
import.meta.hot?.accept();
