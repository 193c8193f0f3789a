// The functions of the person's import bindings (bindings.ts), made for the linker once each
// import's signature is known: no-op, constant, and exports of WAT host modules. A WAT host
// module is instrumented like the guest; around each call the guest's fuel counter (exact at
// every call out, fuel-pass.ts) is handed to the host module and taken back, so the host's
// instructions are charged to the run, deterministically, and its exhaustion is the run's.
import { bindingKey, quoteImport } from "../bindings";
import { FUEL_REMAINING_EXPORT, START_EXPORT } from "../instrument/abi";
import { inspect } from "../inspect/inspect";
import type { FuncSignature } from "../inspect/module-info";
import { formatSignature, sameSignature } from "../inspect/read-types";
import type { WasmValue } from "../types";
import { HostTrap } from "./guest-signals";
import type { BoundImport } from "./link-imports";
import type { WireBinding } from "./protocol";

type Fn = (...args: unknown[]) => unknown;
type Refusal = { ok: false; kind: "invalid_config"; message: string };

/** An instantiated WAT host module: its exports, their signatures, its fuel counter. */
export interface HostInstance {
  exports: WebAssembly.Exports;
  signatures: ReadonlyMap<string, FuncSignature>;
  fuel?: WebAssembly.Global;
}

/** The zero of a result type (null for a nullable reference), or undefined when there is none. */
function zeroOf(type: string): WasmValue | null | undefined {
  if (type === "i32" || type === "f32" || type === "f64") return 0;
  if (type === "i64") return 0n;
  if (type.endsWith("ref") || type.startsWith("(ref null ")) return null;
  return undefined;
}

const I32_MIN = -(2 ** 31);
const U32_MAX = 2 ** 32 - 1;
const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;

/** Why `value` cannot be returned as a `type`, or undefined. */
function constantProblem(type: string, value: WasmValue): string | undefined {
  if (type === "i32") {
    const ok = typeof value === "number" && Number.isInteger(value);
    return ok && value >= I32_MIN && value <= U32_MAX
      ? undefined
      : `an i32 must be an integer from ${I32_MIN} to ${U32_MAX}`;
  }
  if (type === "i64") {
    return typeof value === "bigint" && value >= I64_MIN && value <= U64_MAX
      ? undefined
      : "an i64 must be a bigint in the 64-bit range (e.g. 7n)";
  }
  if (type === "f32" || type === "f64") {
    return typeof value === "number" ? undefined : `an ${type} must be a number`;
  }
  return `a ${type} result cannot be a constant`;
}

/** One value for no result or one, an array for several: what a JS host function returns. */
const asReturn = (values: readonly unknown[]) => (values.length === 1 ? values[0] : values);
const returnsNothing = (values: readonly unknown[]) => (values.length === 0 ? undefined : values);

export function noopFunction(signature: FuncSignature): Fn | { denied: string } {
  const zeros = signature.results.map(zeroOf);
  const missing = signature.results.find((_, i) => zeros[i] === undefined);
  if (missing !== undefined) return { denied: `a no-op cannot return a ${missing}` };
  const value = returnsNothing(zeros) && asReturn(zeros);
  return () => value;
}

export function constantFunction(
  signature: FuncSignature,
  value: WasmValue | WasmValue[],
): Fn | { denied: string } {
  const values = Array.isArray(value) ? value : [value];
  const shown = values.map((v) => (typeof v === "bigint" ? `${v}n` : String(v))).join(", ");
  const { results } = signature;
  if (values.length !== results.length) {
    const returns = results.length === 0 ? "returns nothing" : `returns (${results.join(" ")})`;
    return {
      denied: `the constant binding gives ${values.length} value(s) (${shown}), but the import ${returns}`,
    };
  }
  for (const [i, type] of results.entries()) {
    const problem = constantProblem(type, values[i]!);
    if (problem) return { denied: `constant ${shown} does not fit: ${problem}` };
  }
  const returned = returnsNothing(values) && asReturn(values);
  return () => returned;
}

/** Instantiates the instrumented host modules; they may import nothing and start nothing. */
export async function instantiateHostModules(
  modules: readonly Uint8Array[],
  bindings: readonly WireBinding[],
): Promise<{ ok: true; hosts: HostInstance[] } | Refusal> {
  const hosts: HostInstance[] = [];
  for (const [index, bytes] of modules.entries()) {
    const user = bindings.find((b) => b.kind === "wat" && b.hostModule === index);
    const label = user ? `the WAT host module of ${quoteImport(user.module, user.name)}` : "";
    const refuse = (why: string): Refusal => ({
      ok: false,
      kind: "invalid_config",
      message: `${label}: ${why}`,
    });
    const inspected = inspect(bytes, { scanCode: false });
    if (!inspected.ok) return refuse(`it is not a valid module: ${inspected.message}`);
    const { imports, exports } = inspected.info;
    if (imports.length > 0) {
      const names = imports.map((i) => quoteImport(i.module, i.name)).join(", ");
      return refuse(`a host module can import nothing; it imports ${names}`);
    }
    if (exports.some((e) => e.name === START_EXPORT)) {
      return refuse("a host module cannot have a start function");
    }
    let instance: WebAssembly.Instance;
    try {
      ({ instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, {}));
    } catch (error) {
      return refuse(`it failed to instantiate: ${error instanceof Error ? error.message : error}`);
    }
    const signatures = new Map<string, FuncSignature>();
    for (const e of exports) if (e.kind === "function") signatures.set(e.name, e.signature);
    const fuel = instance.exports[FUEL_REMAINING_EXPORT];
    hosts.push({
      exports: instance.exports,
      signatures,
      fuel: fuel instanceof WebAssembly.Global ? fuel : undefined,
    });
  }
  return { ok: true, hosts };
}

/**
 * A host export called on the guest's fuel: the guest's counter goes in, the host's comes back
 * (also when it traps). A trap of the host module's own is a HostTrap naming it; running out
 * of fuel there stays the plain trap, read from the counter as fuel_exhausted.
 */
function meteredExport(
  fn: Fn,
  host: HostInstance,
  guestFuel: () => WebAssembly.Global | undefined,
  label: string,
): Fn {
  return (...args) => {
    const guest = guestFuel();
    const counters = host.fuel && guest ? { host: host.fuel, guest } : undefined;
    if (counters) counters.host.value = counters.guest.value;
    try {
      return fn(...args);
    } catch (thrown) {
      const exhausted = counters !== undefined && (counters.host.value as bigint) < 0n;
      if (!exhausted && thrown instanceof WebAssembly.RuntimeError) {
        throw new HostTrap(`${thrown.message} in ${label}`);
      }
      throw thrown;
    } finally {
      if (counters) counters.guest.value = counters.host.value;
    }
  };
}

function watFunction(
  binding: Extract<WireBinding, { kind: "wat" }>,
  signature: FuncSignature,
  host: HostInstance,
  guestFuel: () => WebAssembly.Global | undefined,
): Fn | { denied: string } {
  const theirs = host.signatures.get(binding.export);
  const exported = host.exports[binding.export];
  if (theirs === undefined || typeof exported !== "function") {
    const names = [...host.signatures.keys()].filter((n) => !n.startsWith("__sandbox_"));
    return {
      denied: `the WAT host module exports no function ${JSON.stringify(binding.export)} (it exports ${names.map((n) => JSON.stringify(n)).join(", ") || "none"})`,
    };
  }
  if (!sameSignature(theirs, signature)) {
    return {
      denied: `wrong signature, the WAT host module's ${JSON.stringify(binding.export)} is ${formatSignature(theirs)}`,
    };
  }
  const label = `export ${JSON.stringify(binding.export)} of the WAT host module bound to ${quoteImport(binding.module, binding.name)}`;
  return meteredExport(exported as Fn, host, guestFuel, label);
}

/**
 * The bindings as the linker takes them, by bindingKey. `wrap` latches what a function throws
 * (guest-run.ts), so a guest cannot catch a host module's trap and carry on.
 */
export function boundImports(
  bindings: readonly WireBinding[],
  hosts: readonly HostInstance[],
  guestFuel: () => WebAssembly.Global | undefined,
  wrap: (fn: Fn) => Fn,
): Map<string, BoundImport> {
  const bound = new Map<string, BoundImport>();
  for (const binding of bindings) {
    const key = bindingKey(binding.module, binding.name);
    switch (binding.kind) {
      case "deny":
      case "host":
      case "trap":
        bound.set(key, { kind: binding.kind });
        break;
      case "noop":
        bound.set(key, { kind: "make", make: noopFunction });
        break;
      case "const":
        bound.set(key, { kind: "make", make: (s) => constantFunction(s, binding.value) });
        break;
      case "wat": {
        const host = hosts[binding.hostModule];
        bound.set(key, {
          kind: "make",
          make: (signature) => {
            if (!host) return { denied: "its WAT host module is missing" };
            const made = watFunction(binding, signature, host, guestFuel);
            return typeof made === "function" ? wrap(made) : made;
          },
        });
        break;
      }
    }
  }
  return bound;
}
