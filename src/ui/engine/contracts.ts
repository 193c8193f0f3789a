// Pure helpers of the engine's contracts, safe to import anywhere (no workers, no Vite-only code).
export { isImportAllowed, isImportListEntry } from "../../sandbox/config";
export { recogniseRuntime } from "../../sandbox/inspect/recognise";
