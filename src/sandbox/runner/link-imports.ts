// Checks every import of a module against the allow-list and the host's declared signatures,
// and builds the import object. The JS API links a function import of any signature, so the
// signature comparison here is the only thing that stops `env.log: (i64, f64) -> i32`.
import { isImportAllowed, WASM_PAGE_BYTES } from "../config";
import type { ImportInfo, Limits } from "../inspect/module-info";
import { formatSignature, sameSignature } from "../inspect/read-types";
import type { HostModule } from "./host-module";

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
}

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

export function linkImports(
  imports: readonly ImportInfo[],
  policy: LinkPolicy,
  hostModules: readonly HostModule[],
  makeStub: StubFactory = defaultStub,
): LinkOutcome {
  const denied: string[] = [];
  const object: Record<string, Record<string, WebAssembly.ExportValue>> = {};
  let memory: WebAssembly.Memory | undefined;
  const provide = (entry: ImportInfo, value: WebAssembly.ExportValue) => {
    (object[entry.module] ??= {})[entry.name] = value;
  };
  for (const entry of imports) {
    const described = describeImport(entry);
    const stubbed =
      entry.kind === "function" &&
      isImportAllowed(policy.stubImports ?? [], entry.module, entry.name);
    if (stubbed && !findHost(entry, policy, hostModules)) {
      provide(entry, makeStub(`${entry.module}.${entry.name}`));
      continue;
    }
    if (!isImportAllowed(policy.allowedImports, entry.module, entry.name)) {
      denied.push(`${described}: not in allowedImports`);
      continue;
    }
    if (entry.kind === "function") {
      const hostModule = hostModules.find((m) => m.name === entry.module);
      // hasOwn: "toString" must not find Object.prototype's.
      const host =
        hostModule && Object.hasOwn(hostModule.functions, entry.name)
          ? hostModule.functions[entry.name]
          : undefined;
      if (!host) {
        denied.push(`${described}: allowed, but the host provides no such function`);
      } else if (!sameSignature(host.signature, entry.signature)) {
        denied.push(
          `${described}: wrong signature, the host's is ${formatSignature(host.signature)}`,
        );
      } else {
        provide(entry, host.fn);
      }
    } else if (entry.kind === "memory") {
      const plan = memory
        ? { denied: "only one memory can be imported" }
        : provideMemory(entry.limits, policy.memoryLimitBytes);
      if ("overCap" in plan) return { ok: false, kind: "memory_limit", message: plan.overCap };
      if ("denied" in plan) denied.push(`${described}: ${plan.denied}`);
      else provide(entry, (memory = plan.memory));
    } else {
      denied.push(`${described}: the host provides no ${entry.kind}s`);
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
  return { ok: true, imports: object, memory };
}
