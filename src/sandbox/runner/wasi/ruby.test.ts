// CRuby (npm @ruby/3.4-wasm-wasi, a devDependency used only as a test fixture) on this WASI host:
// proof that a large real program runs, and figures for the report.
//
// The package's .wasm is a *reactor*, not a command: it exports _initialize and wit-bindgen
// (canonical ABI) entry points — `ruby-init: func(args: list<string>)`,
// `rb-eval-string-protect: func(str: string) -> …` — and imports 21 `rb-js-abi-host.*`
// functions (JS interop) plus 3 `canonical_abi.*` resource functions besides its 35 WASI
// imports. This test plays the part of the package's JS driver: stubs for the JS interop
// (never called by `puts 6 * 7`), identity resource handles, strings lowered through
// cabi_realloc. Most of ruby-init's time is RubyGems loading inside the guest (its stdlib is
// packed into the module by wasi-vfs); "--disable-gems" cuts it from seconds to ~0.1 s.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { importsOf, testContext } from "./test-harness";
import { createWasiHost } from "./wasi-host";

function rubyWasmPath(file: string): string | undefined {
  try {
    // The package exports "./dist/*.wasm", so the file resolves like a module.
    return createRequire(import.meta.url).resolve(`@ruby/3.4-wasm-wasi/dist/${file}`);
  } catch {
    return undefined;
  }
}

type Fn = (...args: number[]) => number;

/** Lowers `text` into guest memory through cabi_realloc; returns [ptr, len]. */
function lowerString(exports: WebAssembly.Exports, text: string): [number, number] {
  const bytes = new TextEncoder().encode(text);
  const ptr = (exports.cabi_realloc as Fn)(0, 0, 1, bytes.length);
  new Uint8Array((exports.memory as WebAssembly.Memory).buffer, ptr, bytes.length).set(bytes);
  return [ptr, bytes.length];
}

async function runRuby(file: string, rubyArgs: string[], code: string) {
  const path = rubyWasmPath(file);
  if (!path) throw new Error(`@ruby/3.4-wasm-wasi is not installed (npm install)`);
  const bytes = readFileSync(path);
  const context = testContext();
  const host = createWasiHost({ context, programName: "ruby" });
  const t0 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const t1 = performance.now();
  const jsInterop: Record<string, () => never> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === "rb-js-abi-host") {
      jsInterop[imp.name] = () => {
        throw new Error(`JS interop ${imp.name} is not available in the sandbox`);
      };
    }
  }
  const instance = await WebAssembly.instantiate(module, {
    ...importsOf(host),
    "rb-js-abi-host": jsInterop,
    // Identity handles suffice: a handle is only ever given back to the same instance.
    canonical_abi: {
      "resource_new_rb-abi-value": (rep: number) => rep,
      "resource_get_rb-abi-value": (handle: number) => handle,
      "resource_drop_js-abi-value": () => {},
    },
  });
  host.bindInstance(instance);
  const e = instance.exports;
  (e._initialize as Fn)();
  const t2 = performance.now();
  // ruby-init(args: list<string>): a list of (ptr, len) pairs, each a NUL-terminated C string.
  const args = rubyArgs.map((arg) => lowerString(e, `${arg}\0`));
  const list = (e.cabi_realloc as Fn)(0, 0, 4, args.length * 8);
  const view = new DataView((e.memory as WebAssembly.Memory).buffer);
  args.forEach(([ptr, len], i) => {
    view.setUint32(list + i * 8, ptr, true);
    view.setUint32(list + i * 8 + 4, len, true);
  });
  (e["ruby-init: func(args: list<string>) -> ()"] as Fn)(list, args.length);
  (e["ruby-init-loadpath: func() -> ()"] as Fn)();
  const t3 = performance.now();
  const evalName = Object.keys(e).find((name) => name.startsWith("rb-eval-string-protect"));
  const ret = (e[evalName!] as Fn)(...lowerString(e, code));
  const t4 = performance.now();
  const state = new DataView((e.memory as WebAssembly.Memory).buffer).getInt32(ret + 4, true);
  const figures = {
    wasmMB: +(bytes.length / 1e6).toFixed(1),
    compileMs: Math.round(t1 - t0),
    instantiateAndInitializeMs: Math.round(t2 - t1),
    rubyInitMs: Math.round(t3 - t2),
    evalMs: Math.round(t4 - t3),
  };
  return { stdout: context.text("stdout"), stderr: context.text("stderr"), state, figures };
}

describe.skipIf(!rubyWasmPath("ruby+stdlib.wasm"))("CRuby 3.4 on the WASI host", () => {
  // The npm package's own default arguments; "-e_=0" is parsed by ruby-init, not run.
  const defaultArgs = ["ruby", "-EUTF-8", "-e_=0"];

  it(
    "puts 6 * 7 prints 42 (ruby+stdlib.wasm, 31 MB, with RubyGems)",
    { timeout: 120_000 },
    async () => {
      const run = await runRuby("ruby+stdlib.wasm", defaultArgs, "puts 6 * 7");
      console.info("CRuby ruby+stdlib.wasm:", run.figures);
      expect(run.stderr).toBe("");
      expect(run.state).toBe(0);
      expect(run.stdout).toBe("42\n");
    },
  );

  it(
    "a Ruby exception is a non-zero state, with nothing printed",
    { timeout: 120_000 },
    async () => {
      const args = ["ruby", "--disable-gems", "-EUTF-8", "-e_=0"];
      const run = await runRuby("ruby+stdlib.wasm", args, "raise 'boom'");
      console.info("CRuby ruby+stdlib.wasm --disable-gems:", run.figures);
      expect(run.state).not.toBe(0);
      expect(run.stdout).toBe("");
    },
  );
});
