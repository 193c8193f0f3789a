/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Cross-origin isolation gives precise timers (performance.now) and SharedArrayBuffer
// to the page and its workers, in dev, preview and tests alike.
const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  plugins: [react()],
  base: "./",
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 20_000,
    rollupOptions: {
      input: {
        main: "index.html",
        harness: "harness.html",
        bench: "bench.html",
      },
    },
  },
  worker: { format: "es" },
  // binaryen (inside the AssemblyScript compiler) uses top-level await; only the toolchain
  // worker ever loads it.
  optimizeDeps: {
    exclude: ["binaryen"],
    // Only workers import these; named here so the dev server bundles them at start instead of
    // reloading the page (and losing a run in progress) the first time a compile needs them.
    include: ["wabt", "assemblyscript/asc", "comlink", "@bjorn3/browser_wasi_shim"],
  },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
