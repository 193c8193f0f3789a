// npm run test:pack: the package as another project gets it. Builds it (npm run build:lib),
// packs it, installs the tarball into a fresh directory and there: runs the original design's
// two tests and a manager with a fuel limit in Node, runs `npx wasm-sandbox ... --json`, and
// builds a Vite app that imports it. Exits non-zero naming the first check that failed.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "wasm-sandbox-pack-"));
const started = performance.now();
const say = (text) =>
  console.log(`pack-check ${((performance.now() - started) / 1000).toFixed(1)}s: ${text}`);
const sh = (command, args, cwd = dir) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

try {
  if (!process.argv.includes("--no-build")) sh("npm", ["run", "--silent", "build:lib"], root);
  const tarball = sh("npm", [
    "pack",
    join(root, "dist-lib"),
    "--pack-destination",
    dir,
    "--silent",
  ]).trim();
  say(`packed ${tarball}`);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "app", private: true, type: "module" }),
  );
  sh("npm", ["i", `./${tarball}`, "--offline", "--no-audit", "--no-fund", "--silent"]);
  say("installed into a fresh project");

  const wabt = await wabtInit();
  const wasm = (source) => {
    const module = wabt.parseWat("m.wat", source);
    try {
      return module.toBinary({}).buffer;
    } finally {
      module.destroy();
    }
  };
  writeFileSync(
    join(dir, "answer.wasm"),
    wasm(`(module (func (export "main") (result i32) i32.const 42))`),
  );
  writeFileSync(join(dir, "loop.wasm"), wasm(`(module (func (export "run") (loop $l (br $l))))`));

  writeFileSync(
    join(dir, "use.mjs"),
    `import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { WasmSandbox, WasmSandboxManager } from "wasm-sandbox";
const answer = readFileSync("answer.wasm"), loop = readFileSync("loop.wasm");
const sandbox = new WasmSandbox({ timeoutMs: 1000 });
const r = await sandbox.execute(answer);
assert.equal(r.success, true); assert.equal(r.value, 42); assert.ok(r.executionTimeMs < 1000);
const t = await sandbox.execute(loop, { entry: "run" });
assert.equal(t.errorKind, "timeout"); assert.match(t.error, /timeout/);
await sandbox.close();
const manager = new WasmSandboxManager();
await manager.createSandbox("fueled", { maxFuel: 5000, timeoutMs: 10000 });
const f = await manager.execute("fueled", loop, { entry: "run" });
assert.equal(f.errorKind, "fuel_exhausted"); assert.equal(f.fuelConsumed, 5000n);
await manager.closeAll();
console.log("ok");
`,
  );
  assert.equal(sh("node", ["use.mjs"]).trim(), "ok");
  say("Node: 42 in under 1 s, the endless loop times out, the manager's fuel limit holds");

  let json;
  try {
    sh("npx", [
      "--offline",
      "wasm-sandbox",
      "run",
      "loop.wasm",
      "--invoke",
      "run",
      "--fuel",
      "1000",
      "--json",
    ]);
  } catch (error) {
    assert.equal(error.status, 114, "the CLI's exit status on fuel_exhausted");
    json = JSON.parse(error.stdout);
  }
  assert.equal(json?.errorKind, "fuel_exhausted");
  assert.equal(json.fuelConsumed, "1000");
  say("npx wasm-sandbox run loop.wasm --invoke run --fuel 1000 --json: fuel_exhausted, exit 114");

  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><script type="module" src="./main.js"></script>`,
  );
  writeFileSync(
    join(dir, "main.js"),
    `import { WasmSandbox } from "wasm-sandbox";\nwindow.sandbox = new WasmSandbox({ maxFuel: 1000 });\n`,
  );
  const { build } = await import("vite");
  await build({ root: dir, logLevel: "error", configFile: false, worker: { format: "es" } });
  const assets = readdirSync(join(dir, "dist", "assets"));
  assert.ok(
    assets.some((f) => f.startsWith("runner.worker")),
    `no runner worker in ${assets}`,
  );
  say(`a Vite app that imports it builds (${assets.length} assets, the runner worker among them)`);
  say("all checks passed");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
