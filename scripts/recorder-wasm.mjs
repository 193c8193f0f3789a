// Writes src/sandbox/profile/recorder-module.ts from recorder.wat: node scripts/recorder-wasm.mjs
import wabtInit from "wabt";
import { readFileSync, writeFileSync } from "node:fs";
const wabt = await wabtInit();
const src = readFileSync("src/sandbox/profile/recorder.wat", "utf8");
const m = wabt.parseWat("recorder.wat", src, {});
m.resolveNames();
m.validate();
const bytes = m.toBinary({}).buffer;
const hex = [...bytes].map((b) => "0x" + b.toString(16).padStart(2, "0"));
const lines = [];
for (let i = 0; i < hex.length; i += 12) lines.push("  " + hex.slice(i, i + 12).join(", ") + ",");
writeFileSync(
  "src/sandbox/profile/recorder-module.ts",
  `// recorder.wat as wabt writes it: node scripts/recorder-wasm.mjs regenerates this file, and\n// recorder.test.ts checks the two agree.\n// prettier-ignore\nexport const RECORDER_WASM = new Uint8Array([\n${lines.join("\n")}\n]);\n`,
);
console.log(bytes.length);
