// Opening files (drop or picker): every file is checked before anything trusts it — size first,
// then the wasm magic, then the toolchain worker's inspection. A bad file leaves the editor as it was.
import * as engine from "../engine/engine";
import type { Language, PanelTab } from "../state/types";
import { defaultEntry } from "./compile";
import { log, notify, type PlaygroundStore } from "./context";
import { recogniseRuntime } from "../engine/contracts";
import { offerRubyRuntime } from "./ruby";
import { groupDigits } from "../../sandbox/digits";
import { formatBytes } from "../../sandbox/bytes";

export const MAX_BINARY_BYTES = 64 * 1024 * 1024;
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

function languageOf(name: string): Language | null {
  if (/\.wat$|\.wast$/i.test(name)) return "wat";
  if (/\.ts$|\.as$/i.test(name)) return "assemblyscript";
  if (/\.c$/i.test(name)) return "c";
  if (/\.(cpp|cc|cxx)$/i.test(name)) return "cpp";
  return null;
}

async function looksLikeWasm(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return WASM_MAGIC.every((b, i) => head[i] === b);
}

/** Shows a binary: its WAT in the editor column (src/ui/module), inspection in the Module panel. */
export async function loadBinary(
  store: PlaygroundStore,
  name: string,
  bytes: Uint8Array,
  /** The panel to show (the inspection for a file the person opened); null: leave it. */
  tab: PanelTab | null = "module",
): Promise<boolean> {
  const inspected = await engine.inspect(bytes);
  if (!inspected.ok) {
    notify(store, "error", `${name} is not a module the playground can run: ${inspected.message}`);
    log(store, "error", `invalid_module: ${name}: ${inspected.message}`);
    return false;
  }
  if (recogniseRuntime(inspected.info)?.language === "ruby") {
    // CRuby's exports are not programs: it is offered for Ruby scripts. While the person writes
    // Ruby the script stays in the editor; otherwise CRuby also opens as a module to look at.
    offerRubyRuntime(store, { name, bytes });
    if (store.get().language === "ruby") return true;
  }
  const key = `binary:${name}:${bytes.length}`;
  store.set((s) => ({
    binary: { name, bytes },
    compiled: { key, bytes, info: inspected.info, compileMs: 0 },
    diagnostics: [],
    compileError: null,
    entry: defaultEntry(inspected.info, s.entry),
    exampleId: null,
    ...(tab ? { tab } : {}),
    toolchainReady: true,
  }));
  log(store, "info", `Opened ${name} (${groupDigits(bytes.length)} bytes).`);
  return true;
}

export async function openFile(store: PlaygroundStore, file: File): Promise<boolean> {
  const language = languageOf(file.name);
  if (language) {
    if (file.size > MAX_SOURCE_BYTES) {
      notify(
        store,
        "error",
        `${file.name} is ${formatBytes(file.size)}; source files up to ${formatBytes(MAX_SOURCE_BYTES)} open in the editor.`,
      );
      return false;
    }
    const text = await file.text();
    store.set((s) => ({
      language,
      sources: { ...s.sources, [language]: text },
      binary: null,
      exampleId: null,
    }));
    log(store, "info", `Opened ${file.name}.`);
    return true;
  }
  if (!(await looksLikeWasm(file))) {
    notify(
      store,
      "error",
      `${file.name} is not a WebAssembly module (no \\0asm header). Open a .wasm, .wat or .ts file.`,
    );
    return false;
  }
  if (file.size > MAX_BINARY_BYTES) {
    notify(
      store,
      "error",
      `${file.name} is ${formatBytes(file.size)}; the playground opens modules up to ${formatBytes(MAX_BINARY_BYTES)}.`,
    );
    return false;
  }
  return loadBinary(store, file.name, new Uint8Array(await file.arrayBuffer()));
}
