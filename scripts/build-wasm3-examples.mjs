// Rebuilds the Wasm 3.0 examples' prebuilt binaries under public/examples/wasm3 from the WAT
// beside them. wabt (the page's WAT compiler, and Debian's wat2wasm) cannot read GC text, so
// these are built with wasm-tools (jco's build), which needs a Node with GC to check the output:
//
//   npm i --prefix /tmp/jco @bytecodealliance/jco-transpile@0.15.0
//   npm i --prefix /tmp/node24 node@24
//   /tmp/node24/node_modules/.bin/node scripts/build-wasm3-examples.mjs
//
// The .wasm files are committed, so the page and the tests never need these tools.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(`${process.env.JCO_PREFIX ?? "/tmp/jco"}/node_modules/`);
const { parse } = await import(require.resolve("@bytecodealliance/jco-transpile/wasm-tools"));

const dir = join(import.meta.dirname, "../public/examples/wasm3");
for (const file of readdirSync(dir).filter((f) => f.endsWith(".wat"))) {
  const bytes = Buffer.from(await parse(readFileSync(join(dir, file), "utf8")));
  if (!WebAssembly.validate(bytes)) {
    throw new Error(`${file}: wasm-tools wrote a module this Node (${process.version}) rejects`);
  }
  const out = file.replace(/\.wat$/, ".wasm");
  writeFileSync(join(dir, out), bytes);
  console.log(`${out}: ${bytes.length} bytes`);
}
