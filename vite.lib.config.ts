// The package build (npm run build:lib): the engine as a library in dist-lib/, ESM, no source
// maps. LIB_TARGET=node bundles the Node entry, and its worker_threads scripts into
// dist-lib/node/ (one flat directory: node-runtime.ts finds its workers beside it);
// LIB_TARGET=browser bundles the browser entry and its Web Workers into dist-lib/browser/.
// Dependencies are bundled in, so the package installs with nothing else.
import { fileURLToPath } from "node:url";
import { builtinModules } from "node:module";
import { defineConfig } from "vite";

const target = process.env.LIB_TARGET === "browser" ? "browser" : "node";
const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  // No public/ copy and no .env files: this is a library.
  publicDir: false,
  envDir: false,
  resolve:
    target === "node"
      ? {
          alias: [
            {
              find: /^.*\/runtime\/spawn-workers$/,
              replacement: src("sandbox/runtime/no-web-workers.ts"),
            },
          ],
        }
      : {},
  // Relative URLs, so the browser build's workers are found beside it wherever it is installed.
  base: "./",
  worker: { format: "es" },
  build: {
    // LIB_OUT_DIR: a test's own copy, so parallel tests never empty each other's build.
    outDir: process.env.LIB_OUT_DIR ?? `dist-lib/${target}`,
    emptyOutDir: true,
    target: target === "node" ? "node20" : "es2022",
    minify: false,
    sourcemap: false,
    ssr: target === "node",
    copyPublicDir: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 20_000,
    rollupOptions: {
      input:
        target === "node"
          ? {
              index: src("sandbox/index.ts"),
              "runner.node-worker": src("sandbox/runner/runner.node-worker.ts"),
              "instrument.node-worker": src("sandbox/toolchain/instrument.node-worker.ts"),
              cli: src("cli/bin.ts"),
            }
          : { index: src("sandbox/index.ts") },
      preserveEntrySignatures: "strict",
      external: target === "node" ? [...builtinModules, /^node:/] : [],
      output: {
        format: "es",
        entryFileNames: "[name].js",
        chunkFileNames: "[name]-[hash].js",
        assetFileNames: "[name]-[hash][extname]",
      },
    },
  },
  // Node: bundle every dependency (the package has none of its own).
  ssr: { noExternal: true, target: "node" },
});
