// npm run build:lib: the installable package `wasm-sandbox` in dist-lib/ — its manifest and
// README (packages/wasm-sandbox/), node/ (Node entry, worker_threads scripts, the CLI),
// browser/ (browser entry and its Web Workers) and types/ (.d.ts). `npm pack dist-lib` packs it.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, rmSync } from "node:fs";

const root = new URL("..", import.meta.url);
const out = new URL("dist-lib/", root);
const step = (command, args, env = {}) =>
  execFileSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });

rmSync(out, { recursive: true, force: true });
for (const target of ["node", "browser"]) {
  step("npx", ["vite", "build", "-c", "vite.lib.config.ts", "--logLevel", "warn"], {
    LIB_TARGET: target,
  });
}
step("npx", ["tsc", "-p", "tsconfig.lib.json"]);
for (const file of ["package.json", "README.md"]) {
  copyFileSync(new URL(`packages/wasm-sandbox/${file}`, root), new URL(file, out));
}
chmodSync(new URL("node/cli.js", out), 0o755);
console.log("built the wasm-sandbox package in dist-lib/ (npm pack dist-lib)");
