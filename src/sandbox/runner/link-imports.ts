// Checks every import of a module against the allow-list and the host's declared signatures,
// and builds the import object. The JS API links a function import of any signature, so the
// signature comparison here is the only thing that stops `env.log: (i64, f64) -> i32`.
import { isImportAllowed, WASM_PAGE_BYTES } from "../config";
import { bindingKey } from "../bindings";
import type { FuncSignature, ImportInfo, Limits } from "../inspect/module-info";
import { formatSignature, sameSignature } from "../inspect/read-types";
import type { HostFunction, HostModule } from "./host-module";

export type LinkOutcome =
  | { ok: true; imports: WebAssembly.Imports; memory?: WebAssembly.Memory }
  | { ok: false; kind: "import_denied" | "memory_limit"; message: string };

export interface LinkPolicy {
  allowedImports: readonly string[];
  memoryLimitBytes: number;
  /**
   * Function imports ("module.name" or "module.*") linked to a trapping stub when no allowed
   * host function fits. A stub grants nothing, so it needs no allow-list entry.
   */
  stubImports?: readonly string[];
  /**
   * The person's bindings by bindingKey(module, name): they decide their import alone, before
   * allowedImports and stubImports are looked at.
   */
  bindings?: ReadonlyMap<string, BoundImport>;
}

/**
 * A binding as the linker sees it: deny, the host function, a trapping stub, or a function
 * made for the import's signature (no-op, constant, WAT host export), or why it cannot be.
 */
export type BoundImport =
  | { kind: "deny" }
  | { kind: "host" }
  | { kind: "trap" }
  | { kind: "make"; make(signature: FuncSignature): HostFunction["fn"] | { denied: string } };

/** The stub of `module.name`: throws the value `makeTrap` builds, whatever it is called with. */
export type StubFactory = (qualifiedName: string) => (...args: unknown[]) => never;

function formatLimits(limits: Limits): string {
  const max = limits.maximum === undefined ? "" : ` ${limits.maximum}`;
  return `${limits.memory64 ? "i64 " : ""}${limits.initial}${max}${limits.shared ? " shared" : ""}`;
}

/** The import as WAT would declare it, e.g. `env.log (func (param i32 i32))`. */
export function describeImport(entry: ImportInfo): string {
  const name = `${entry.module}.${entry.name}`;
  switch (entry.kind) {
    case "function":
      return `${name} ${formatSignature(entry.signature)}`;
    case "memory":
      return `${name} (memory ${formatLimits(entry.limits)})`;
    case "table":
      return `${name} (table ${formatLimits(entry.limits)} ${entry.elementType})`;
    case "global":
      return `${name} (global ${entry.mutable ? `(mut ${entry.type})` : entry.type})`;
    case "tag":
      return `${name} (tag ${formatSignature(entry.signature).slice(6, -1).trim()})`;
  }
}

/** The allowed host function that fits a function import exactly, if there is one. */
function findHost(entry: ImportInfo, policy: LinkPolicy, hostModules: readonly HostModule[]) {
  if (entry.kind !== "function") return undefined;
  if (!isImportAllowed(policy.allowedImports, entry.module, entry.name)) return undefined;
  const hostModule = hostModules.find((m) => m.name === entry.module);
  const host =
    hostModule && Object.hasOwn(hostModule.functions, entry.name)
      ? hostModule.functions[entry.name]
      : undefined;
  return host && sameSignature(host.signature, entry.signature) ? host : undefined;
}

/** The message a called stub traps with; the runner's stubs throw it as a HostTrap. */
export function stubMessage(qualifiedName: string): string {
  return `import ${qualifiedName} was called, but it is only a stub (no host provides it)`;
}

const defaultStub: StubFactory = (qualifiedName) => () => {
  throw new WebAssembly.RuntimeError(stubMessage(qualifiedName));
};

const NO_SUCH_FUNCTION = "the host provides no such function";

/** Why an import cannot be linked (a denial, or a memory over the cap), or undefined: linked. */
type Refused = string | { overCap: string } | undefined;

type MemoryPlan = { memory: WebAssembly.Memory } | { denied: string } | { overCap: string };

function provideMemory(limits: Limits, capBytes: number): MemoryPlan {
  const capPages = Math.floor(capBytes / WASM_PAGE_BYTES);
  if (limits.memory64) return { denied: "64-bit memories cannot be provided by the host" };
  if (limits.shared && limits.maximum === undefined) {
    return { denied: "a shared memory must declare a maximum" };
  }
  if (limits.initial > capPages) {
    return {
      overCap: `the imported memory starts at ${limits.initial} pages (${limits.initial * 64} KiB), over the cap of ${capPages} pages (${capBytes / 1024 / 1024} MiB)`,
    };
  }
  const maximum = Math.min(limits.maximum ?? capPages, capPages);
  return {
    memory: new WebAssembly.Memory({ initial: limits.initial, maximum, shared: !!limits.shared }),
  };
}

/** The JS API's import object; Object.fromEntries defines own properties, even "__proto__". */
function importObject(
  provided: ReadonlyMap<string, ReadonlyMap<string, WebAssembly.ExportValue>>,
): WebAssembly.Imports {
  return Object.fromEntries(
    [...provided].map(([module, fields]) => [module, Object.fromEntries(fields)]),
  ) as WebAssembly.Imports;
}

export function linkImports(
  imports: readonly ImportInfo[],
  policy: LinkPolicy,
  hostModules: readonly HostModule[],
  makeStub: StubFactory = defaultStub,
): LinkOutcome {
  const denied: string[] = [];
  // Module and field names are the guest's strings: kept in Maps, so "__proto__" or
  // "constructor" is a name like any other and never reaches Object.prototype.
  const provided = new Map<string, Map<string, WebAssembly.ExportValue>>();
  let memory: WebAssembly.Memory | undefined;
  const provide = (entry: ImportInfo, value: WebAssembly.ExportValue) => {
    let fields = provided.get(entry.module);
    if (fields === undefined) provided.set(entry.module, (fields = new Map()));
    fields.set(entry.name, value);
  };
  /** Links `entry` to the host (function or capped memory); the reason it cannot be, if any. */
  const linkHost = (entry: ImportInfo): Refused => {
    if (entry.kind === "function") {
      const hostModule = hostModules.find((m) => m.name === entry.module);
      // hasOwn: "toString" must not find Object.prototype's.
      const host =
        hostModule && Object.hasOwn(hostModule.functions, entry.name)
          ? hostModule.functions[entry.name]
          : undefined;
      if (!host) return NO_SUCH_FUNCTION;
      if (!sameSignature(host.signature, entry.signature)) {
        return `wrong signature, the host's is ${formatSignature(host.signature)}`;
      }
      provide(entry, host.fn);
    } else if (entry.kind === "memory") {
      const plan = memory
        ? { denied: "only one memory can be imported" }
        : provideMemory(entry.limits, policy.memoryLimitBytes);
      if ("overCap" in plan) return plan;
      if ("denied" in plan) return plan.denied;
      provide(entry, (memory = plan.memory));
    } else {
      return `the host provides no ${entry.kind}s`;
    }
    return undefined;
  };
  /** Links `entry` as its binding says; the reason it cannot be, if any. */
  const linkBound = (entry: ImportInfo, bound: BoundImport): Refused => {
    if (bound.kind === "deny") return "denied by its binding";
    if (bound.kind === "host") {
      const why = linkHost(entry);
      return typeof why === "string" ? `bound to the host, but ${why}` : why;
    }
    if (entry.kind !== "function") {
      return `only function imports can be bound other than "deny" or "host"`;
    }
    const fn =
      bound.kind === "trap"
        ? makeStub(`${entry.module}.${entry.name}`)
        : bound.make(entry.signature);
    if (typeof fn !== "function") return fn.denied;
    provide(entry, fn);
    return undefined;
  };
  for (const entry of imports) {
    const described = describeImport(entry);
    const bound = policy.bindings?.get(bindingKey(entry.module, entry.name));
    if (bound) {
      const why = linkBound(entry, bound);
      if (typeof why === "object") return { ok: false, kind: "memory_limit", message: why.overCap };
      if (why !== undefined) denied.push(`${described}: ${why}`);
      continue;
    }
    const stubbed =
      entry.kind === "function" &&
      isImportAllowed(policy.stubImports ?? [], entry.module, entry.name);
    // A stubImports entry is a "trap" binding for the imports it matches.
    if (stubbed && !findHost(entry, policy, hostModules)) {
      linkBound(entry, { kind: "trap" });
      continue;
    }
    if (!isImportAllowed(policy.allowedImports, entry.module, entry.name)) {
      denied.push(`${described}: not in allowedImports`);
      continue;
    }
    const why = linkHost(entry);
    if (typeof why === "object") return { ok: false, kind: "memory_limit", message: why.overCap };
    if (why !== undefined) {
      const allowed = why === NO_SUCH_FUNCTION ? "allowed, but " : "";
      denied.push(`${described}: ${allowed}${why}`);
    }
  }
  if (denied.length > 0) {
    const count = denied.length === 1 ? "1 import is" : `${denied.length} imports are`;
    return {
      ok: false,
      kind: "import_denied",
      message: `${count} not allowed: ${denied.join("; ")}`,
    };
  }
  return { ok: true, imports: importObject(provided), memory };
}
