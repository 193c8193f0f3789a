// The engine test page (harness.html): the library on window.sandboxLib, for e2e tests and
// for trying the engine from the devtools console. No UI. Lifecycle internals that no library
// user needs are on window.engineInternals, for the tests that fake a dying worker.
import * as sandboxLib from "./sandbox";
import { WorkerHandle } from "./sandbox/runtime/worker-handle";

const engineInternals = { WorkerHandle };

declare global {
  interface Window {
    sandboxLib: typeof sandboxLib;
    engineInternals: typeof engineInternals;
  }
}

window.sandboxLib = sandboxLib;
window.engineInternals = engineInternals;
document.body.dataset.ready = "true";

// In dev, other edits to the engine must not reload this page under a running test: accept
// updates here (the new library replaces the old on window) instead of a full reload.
import.meta.hot?.accept();
