// The signature table against two references: the imports wasi-libc actually emits, and the
// functions browser_wasi_shim implements.
import { readFileSync } from "node:fs";
import { WASI } from "@bjorn3/browser_wasi_shim";
import wabtInit from "wabt";
import { describe, expect, it } from "vitest";
import { seededRandom, virtualClock } from "./clocks";
import { ownSyscalls } from "./own-syscalls";
import { DELEGATED_CHECKS } from "./pointer-checks";
import { testContext } from "./test-harness";
import { createWasiHost } from "./wasi-host";
import { WASI_FUNCTION_NAMES, WASI_MODULE, WASI_SIGNATURES } from "./signatures";

/** name → "(i32 i64) -> i32" for every wasi_snapshot_preview1 import of a module. */
async function wasiImportSignatures(wasm: Uint8Array): Promise<Map<string, string>> {
  const wabt = await wabtInit();
  const module = wabt.readWasm(wasm, { readDebugNames: false });
  const text = module.toText({});
  module.destroy();
  const types = new Map<string, string>();
  for (const m of text.matchAll(
    /\(type \(;(\d+);\) \(func(?: \(param ([^)]*)\))?(?: \(result ([^)]*)\))?\)\)/g,
  )) {
    types.set(m[1], `(${m[2] ?? ""}) -> ${m[3] ?? ""}`);
  }
  const imports = new Map<string, string>();
  for (const m of text.matchAll(
    /\(import "wasi_snapshot_preview1" "(\w+)" \(func \(;\d+;\) \(type (\d+)\)\)\)/g,
  )) {
    imports.set(m[1], types.get(m[2]) ?? "?");
  }
  return imports;
}

const spell = (name: keyof typeof WASI_SIGNATURES) =>
  `(${WASI_SIGNATURES[name].params.join(" ")}) -> ${WASI_SIGNATURES[name].results.join(" ")}`;

describe("WASI signature table", () => {
  it("has the 46 functions of wasi_snapshot_preview1.witx", () => {
    expect(WASI_MODULE).toBe("wasi_snapshot_preview1");
    expect(WASI_FUNCTION_NAMES).toHaveLength(46);
  });

  it("matches every import wasi-libc emits (fixtures/all-imports.wasm)", async () => {
    const fixture = new Uint8Array(
      readFileSync(new URL("./fixtures/all-imports.wasm", import.meta.url)),
    );
    const imports = await wasiImportSignatures(fixture);
    expect(imports.size).toBe(45); // all but proc_raise, which wasi-libc dropped
    for (const [name, signature] of imports) {
      expect(WASI_FUNCTION_NAMES, name).toContain(name);
      expect(spell(name as keyof typeof WASI_SIGNATURES), name).toBe(signature);
    }
  });

  it("covers every function browser_wasi_shim implements", () => {
    const shimNames = Object.keys(new WASI([], [], [], { debug: false }).wasiImport);
    expect(shimNames.length).toBeGreaterThan(40);
    for (const name of shimNames) expect(WASI_FUNCTION_NAMES).toContain(name);
  });

  it("the host module offers every function, each with its table signature", () => {
    const { module } = createWasiHost({ context: testContext() });
    expect(module.name).toBe(WASI_MODULE);
    expect(Object.keys(module.functions).sort()).toEqual([...WASI_FUNCTION_NAMES].sort());
    for (const name of WASI_FUNCTION_NAMES) {
      expect(module.functions[name].signature).toEqual(WASI_SIGNATURES[name]);
    }
  });

  it("each function is implemented exactly once: by this host, or by the shim behind pointer checks", () => {
    const own = Object.keys(
      ownSyscalls({
        args: [],
        env: [],
        clock: virtualClock(),
        random: seededRandom(),
        fds: [],
        onExit() {},
      }),
    );
    const delegated = Object.keys(DELEGATED_CHECKS);
    expect(own.filter((name) => delegated.includes(name))).toEqual([]);
    expect([...own, ...delegated].sort()).toEqual([...WASI_FUNCTION_NAMES].sort());
  });
});
