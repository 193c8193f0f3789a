// Test support shared by the examples' tests: the bytes of an example (compiled, or read from
// public/), and a direct instantiation with trivial host functions. Node only.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compileAssemblyScript } from "../sandbox/toolchain/compile-assemblyscript";
import { compileWat } from "../sandbox/toolchain/compile-wat";
import { isClangExample, type ClangExample, type Example } from "./types";
import { DEFAULT_CLANG_OPTIONS } from "../sandbox/toolchain/clang/options";

export const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));

const cache = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/** The example's module, built once per test file (AssemblyScript takes ~0.1–0.5 s). */
export function exampleBytes(example: Example): Promise<Uint8Array<ArrayBuffer>> {
  let bytes = cache.get(example.id);
  if (!bytes) {
    bytes = build(example);
    cache.set(example.id, bytes);
  }
  return bytes;
}

async function build(example: Example): Promise<Uint8Array<ArrayBuffer>> {
  if (example.language === "wasm") {
    return new Uint8Array(await readFile(PUBLIC_DIR + example.url));
  }
  const outcome = isClangExample(example)
    ? await compileClangExample(example)
    : example.language === "wat"
      ? await compileWat(example.source)
      : await compileAssemblyScript(example.source);
  if (!outcome.ok) throw new Error(`${example.id} did not compile: ${outcome.message}`);
  return new Uint8Array(outcome.bytes);
}

/** With the real compiler (loaded on first use: ~10–20 s), as the page builds it. */
async function compileClangExample(example: ClangExample) {
  const { compileClang } = await import("../sandbox/toolchain/clang/compile-clang");
  const options = { ...DEFAULT_CLANG_OPTIONS, ...example.clangOptions };
  const source = await readFile(PUBLIC_DIR + example.sourceUrl, "utf8");
  return compileClang(source, example.language, options);
}

export interface Instantiated {
  exports: WebAssembly.Exports;
  output: () => string;
}

/**
 * Instantiates with env.log (UTF-8 from memory), env.abort (throws) and a trapping stub for any
 * other function import: the module's own behaviour, without the sandbox.
 */
export async function instantiateDirectly(bytes: Uint8Array<ArrayBuffer>): Promise<Instantiated> {
  const module = await WebAssembly.compile(bytes);
  const memory: { current?: WebAssembly.Memory } = {};
  let output = "";
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const { module: name, name: field, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== "function") throw new Error(`unexpected ${kind} import ${name}.${field}`);
    imports[name] ??= {};
    imports[name][field] = (...args: number[]) => {
      if (name === "env" && field === "log" && memory.current) {
        output += new TextDecoder().decode(new Uint8Array(memory.current.buffer, args[0], args[1]));
        return;
      }
      throw new Error(`${name}.${field} called`);
    };
  }
  const instance = await WebAssembly.instantiate(module, imports);
  memory.current = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
  return { exports: instance.exports, output: () => output };
}

/** The import allow-list rule of WasmSandboxConfig: "module.name" or "module.*". */
export function importAllowed(allowed: readonly string[], module: string, name: string): boolean {
  return allowed.includes(`${module}.${name}`) || allowed.includes(`${module}.*`);
}
