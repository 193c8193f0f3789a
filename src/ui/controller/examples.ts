// Examples from src/examples/catalog.ts: one click loads the code (or the prebuilt binary), its
// limits, imports, entry and arguments; running it is one more click (or loadExample + run).
import { MENU_EXAMPLES, findExample, type Example } from "../../examples/catalog";
import { isClangExample, type BinaryExample, type ClangExample } from "../../examples/types";
import { DEFAULT_CLANG_OPTIONS } from "../../sandbox/toolchain/clang/options";
import type { GuestIo, PageLimits } from "../state/types";
import { log, notify, type PlaygroundStore } from "./context";
import { loadBinary } from "./files";
import { limitChanges } from "../limits/limit-review";

export { MENU_EXAMPLES };
export type { Example };

/** A prebuilt example's module, fetched from the app's own public/ (throws with the reason). */
export async function fetchExampleBinary(example: BinaryExample): Promise<Uint8Array> {
  const response = await fetch(new URL(example.url, document.baseURI));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function pageLimits(example: Example, current: PageLimits): PageLimits {
  return {
    ...current,
    memoryMiB: example.limits.maxMemoryBytes / (1024 * 1024),
    fuel: example.limits.maxFuel === null ? null : BigInt(example.limits.maxFuel),
    timeoutMs: example.limits.timeoutMs,
  };
}

/** The example's WASI input (none when it has no preset); determinism stays as the person set it. */
function guestIo(example: Example, current: GuestIo): GuestIo {
  const io = example.io ?? {};
  return {
    stdin: io.stdin ?? "",
    argv: [...(io.argv ?? [])],
    env: (io.env ?? []).map(([k, v]) => [k, v] as [string, string]),
    files: (io.files ?? []).map((f) => ({ ...f })),
    deterministic: current.deterministic,
  };
}

/** An example brings the limits it needs; the person sees what changed and can take it back. */
function sayLimitChanges(store: PlaygroundStore, example: Example, before: PageLimits): void {
  const after = store.get().limits;
  const changes = limitChanges(before, after);
  if (changes.length === 0) return;
  notify(store, "info", `“${example.title}” set its limits: ${changes.join(", ")}.`, {
    label: "Undo",
    // Only if nothing changed them since: an Undo never overwrites the person's later choice.
    run: () => store.set((s) => (s.limits === after ? { limits: before } : {})),
  });
}

/** A C or C++ example's source, fetched from the app's own public/ (throws with the reason). */
async function fetchClangSource(example: ClangExample): Promise<string> {
  const response = await fetch(new URL(example.sourceUrl, document.baseURI));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

/** The example and, for one compiled from source, its source text; null after saying why not. */
type Fetched =
  | { example: BinaryExample; source: null }
  | { example: Exclude<Example, BinaryExample>; source: string };

async function fetchExample(store: PlaygroundStore, id: string): Promise<Fetched | null> {
  const example = findExample(id);
  if (!example) {
    notify(store, "error", `There is no example called “${id}”.`);
    return null;
  }
  if (example.language === "wasm") return { example, source: null };
  if (!isClangExample(example)) return { example, source: example.source };
  try {
    return { example, source: await fetchClangSource(example) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    notify(store, "error", `Could not fetch ${example.sourceUrl}: ${reason}`);
    return null;
  }
}

export async function loadExample(store: PlaygroundStore, id: string): Promise<boolean> {
  const fetched = await fetchExample(store, id);
  if (!fetched) return false;
  const { example } = fetched;
  const args = example.args.map(String);
  const before = store.get().limits;
  store.set((s) => ({
    limits: pageLimits(example, s.limits),
    allowList: [...example.allowedImports],
    importPolicy: {},
    stubs: [],
    bindings: [],
    entry: example.entry,
    args: new Map(s.args).set(example.entry, args),
    io: guestIo(example, s.io),
    tab: "result",
    // The catalogue's limits are the page's own choice: nothing of a link's is left to confirm.
    limitReview: null,
  }));
  sayLimitChanges(store, example, before);
  if (fetched.source === null) return loadBinaryExample(store, fetched.example);
  return loadSourceExample(store, fetched.example, fetched.source);
}

async function loadBinaryExample(store: PlaygroundStore, example: BinaryExample): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = await fetchExampleBinary(example);
  } catch (error) {
    notify(
      store,
      "error",
      `Could not fetch ${example.url}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
  const name = example.url.split("/").pop() ?? example.id;
  const ok = await loadBinary(store, name, bytes, null);
  if (ok) store.set({ exampleId: example.id, entry: example.entry });
  return ok;
}

function loadSourceExample(
  store: PlaygroundStore,
  example: Exclude<Example, BinaryExample>,
  source: string,
): boolean {
  // A C or C++ example is built with the options it was tested with.
  const clang =
    example.language === "c" || example.language === "cpp"
      ? { clangOptions: { ...DEFAULT_CLANG_OPTIONS, ...example.clangOptions } }
      : {};
  store.set((s) => ({
    ...clang,
    language: example.language,
    sources: { ...s.sources, [example.language]: source },
    binary: null,
    compiled: null, // another program: no stale exports in the picker while it compiles
    diagnostics: [],
    compileError: null,
    exampleId: example.id,
    tab: "result",
  }));
  log(store, "info", `Loaded example “${example.title}”.`);
  return true;
}
