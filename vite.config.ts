/// <reference types="vitest/config" />
import { availableParallelism } from "node:os";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { CSP_META, DEV_HEADERS, headersFile, PRODUCTION_HEADERS } from "./security-headers";
import { COMPILER_MANIFEST_FILE } from "./src/sandbox/download/compiler-download";
import { firstLoadGroups } from "./first-load-chunks";

/** The built pages carry the CSP as a meta tag, and dist/_headers carries every header. */
function securityHeaders(): Plugin {
  return {
    name: "security-headers",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: CSP_META },
        injectTo: "head-prepend",
      },
    ],
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: headersFile() });
    },
  };
}

/**
 * The toolchain worker's build writes compiler-manifest.json beside its chunks: the file name and
 * size of the AssemblyScript compiler's chunk, so the worker can fetch it with progress before
 * importing it (src/sandbox/download/compiler-download.ts).
 */
function compilerManifest(): Plugin {
  return {
    name: "compiler-manifest",
    apply: "build",
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk") continue;
        if (!chunk.moduleIds.some((id) => id.includes("assemblyscript/dist/asc.js"))) continue;
        const at = chunk.fileName.lastIndexOf("/");
        const manifest = {
          assemblyscript: {
            file: chunk.fileName.slice(at + 1),
            bytes: Buffer.byteLength(chunk.code),
          },
        };
        this.emitFile({
          type: "asset",
          fileName: `${chunk.fileName.slice(0, at + 1)}${COMPILER_MANIFEST_FILE}`,
          source: JSON.stringify(manifest),
        });
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), securityHeaders()],
  base: "./",
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 20_000,
    // The polyfill makes <link rel="modulepreload"> work in Firefox before 115 and Safari before
    // 17; without it those fetch a lazy chunk's imports when they run, not beforehand. It would
    // be in every first load.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        main: "index.html",
        harness: "harness.html",
        bench: "bench.html",
      },
      output: {
        codeSplitting: {
          groups: firstLoadGroups(import.meta.dirname, "index.html", [
            "harness.html",
            "bench.html",
          ]),
        },
      },
    },
  },
  worker: { format: "es", plugins: () => [compilerManifest()] },
  // binaryen (inside the AssemblyScript compiler) uses top-level await; only the toolchain
  // worker ever loads it.
  optimizeDeps: {
    // @yowasp/clang finds its 105 MB of files beside its own module (new URL(…, import.meta.url)):
    // pre-bundling would move the module away from them.
    exclude: ["binaryen", "@yowasp/clang"],
    // Only workers import these; named here so the dev server bundles them at start instead of
    // reloading the page (and losing a run in progress) the first time a compile needs them.
    include: ["wabt", "assemblyscript/asc", "comlink", "@bjorn3/browser_wasi_shim"],
  },
  server: { headers: DEV_HEADERS },
  preview: { headers: PRODUCTION_HEADERS },
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, where the
    // second core then idles through test files that mostly wait on wasm compiles and workers.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
