// npm run fuzz -- --minutes N [--seed S] [--out DIR] | --check FILE | --reduce FILE
// The differential fuzzer of the instrumentation (src/fuzz), outside Vitest. Vite's module runner
// loads the TypeScript sources as they are, so the script and the tests share one implementation.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runnerImport } from "vite";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { module } = await runnerImport(resolve(root, "src/fuzz/cli.ts"), {
  root,
  configFile: false,
  logLevel: "error",
});
process.exitCode = await module.main(process.argv.slice(2), fileURLToPath(import.meta.url));
