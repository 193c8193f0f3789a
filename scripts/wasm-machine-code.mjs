// node scripts/wasm-machine-code.mjs FILE.wasm [--export run] [--arg N] [--calls K]
// Prints the x86-64 code Chromium's optimising compiler made of each function of a module: the
// page calls the export K times (default 3) with N (default 1000) so that everything is compiled,
// V8 writes where each function's code is to /tmp/perf-PID.map (--perf-basic-prof), and gdb
// (apt-get install gdb) reads the code out of the live renderer. For looking at what a charge
// of the fuel pass costs; Debian's Chromium has no --print-wasm-code. Linux, root or ptrace rights.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { chromium } from "playwright";
import { chromiumArgs, chromiumPath } from "./chromium.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const file = argv.find((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--"));
if (!file) {
  console.error("usage: node scripts/wasm-machine-code.mjs FILE.wasm [--export run] [--arg N]");
  process.exit(2);
}
const entry = option("--export", "run");
const arg = Number(option("--arg", 1000));
const calls = Number(option("--calls", 3));

const maps = () => readdirSync("/tmp").filter((f) => /^perf-\d+\.map$/.test(f));
for (const old of maps()) rmSync(`/tmp/${old}`);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [...chromiumArgs, "--js-flags=--perf-basic-prof --no-liftoff --no-wasm-lazy-compilation"],
});
try {
  const page = await browser.newPage();
  await page.evaluate(
    async ([bytes, entry, arg, calls]) => {
      const imports = { env: new Proxy({}, { get: () => () => 0 }) };
      const { instance } = await WebAssembly.instantiate(new Uint8Array(bytes), imports);
      for (let i = 0; i < calls; i++) instance.exports[entry](arg);
    },
    [[...readFileSync(file)], entry, arg, calls],
  );
  for (const map of maps()) {
    const pid = map.slice("perf-".length, -".map".length);
    for (const line of readFileSync(`/tmp/${map}`, "utf8").split("\n")) {
      const [address, size, name] = line.split(" ");
      if (!/^JS:wasm-function\[\d+\]-\d+-turbofan$/.test(name ?? "")) continue;
      const count = Math.ceil(parseInt(size, 16) / 2); // enough instructions to cover the code
      const out = execFileSync("gdb", ["-p", pid, "-batch", "-ex", `x/${count}i 0x${address}`], {
        encoding: "utf8",
        maxBuffer: 1 << 26,
        stdio: ["ignore", "pipe", "ignore"],
      });
      const end = parseInt(address, 16) + parseInt(size, 16);
      console.log(`;; ${name.slice(3)} (${parseInt(size, 16)} bytes)`);
      for (const row of out.split("\n")) {
        const at = /^\s*0x([0-9a-f]+)/.exec(row);
        if (at && parseInt(at[1], 16) < end) console.log(row);
      }
    }
  }
} finally {
  await browser.close();
}
