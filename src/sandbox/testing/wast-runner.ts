// Runs one converted .wast script (wast-script.ts) assertion by assertion in the V8 it is loaded
// in, each module first passed through `prepare` (identity for the original run, instrument()
// for the metered run), the way the spec's own JS harness does: the `spectest` host module,
// `register`ed instances as import modules, values compared across the JS boundary.
// Limits of checking from JS, the same for both runs: a NaN's payload does not survive the
// boundary (any NaN matches a NaN), a GC reference is only seen as null, a function, an i31
// (a number) or some other object. A v128 cannot cross at all: the converter checks a v128
// assertion inside a small wasm module of its own that imports the function under test.
import type {
  PrepareModule,
  WastAction,
  WastCommand,
  WastResult,
  WastScript,
  WastValue,
} from "./wast-script";

type Exports = WebAssembly.Exports;
/** An instance, or why there is none (the module was refused, or failed to instantiate). */
type Slot = { exports: Exports } | { refused: string } | { error: string };

class NotRunnable extends Error {}
class Refused extends Error {}

const f32 = new DataView(new ArrayBuffer(8));
function f32FromBits(bits: number): number {
  f32.setUint32(0, bits, true);
  return f32.getFloat32(0, true);
}
function f64FromBits(bits: string): number {
  f32.setBigUint64(0, BigInt(bits), true);
  return f32.getFloat64(0, true);
}

function spectest(): Exports {
  const print = () => {};
  return {
    print,
    print_i32: print,
    print_i64: print,
    print_f32: print,
    print_f64: print,
    print_i32_f32: print,
    print_f64_f64: print,
    global_i32: new WebAssembly.Global({ value: "i32" }, 666),
    global_i64: new WebAssembly.Global({ value: "i64" }, 666n),
    global_f32: new WebAssembly.Global({ value: "f32" }, 666.6),
    global_f64: new WebAssembly.Global({ value: "f64" }, 666.6),
    table: new WebAssembly.Table({ initial: 10, maximum: 20, element: "anyfunc" }),
    memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
    ...table64(),
  };
}

/** spectest.table64, where the JS API has 64-bit tables (Node 20's does not). */
function table64(): Exports {
  try {
    const descriptor = { initial: 10n, maximum: 20n, element: "anyfunc", address: "i64" };
    return { table64: new WebAssembly.Table(descriptor as unknown as WebAssembly.TableDescriptor) };
  } catch {
    return {};
  }
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

class ScriptRun {
  private readonly registry = new Map<string, Exports>([["spectest", spectest()]]);
  private readonly named = new Map<string, Slot>();
  private readonly definitions = new Map<string, WebAssembly.Module | Slot>();
  private readonly externs = new Map<number, object>();
  private current: Slot = { error: "no module yet" };
  private readonly imports = new Proxy({} as WebAssembly.Imports, {
    get: (_, name) => (typeof name === "string" ? this.registry.get(name) : undefined),
  });

  constructor(
    private readonly script: WastScript,
    private readonly prepare: PrepareModule,
  ) {}

  private extern(n: number): object {
    let value = this.externs.get(n);
    if (!value) this.externs.set(n, (value = { extern: n }));
    return value;
  }

  private toJs(v: WastValue): unknown {
    switch (v.type) {
      case "i32":
        return v.value;
      case "i64":
        return BigInt(v.value);
      case "f32":
        if ("bits" in v) return f32FromBits(v.bits);
        break;
      case "f64":
        if ("bits" in v) return f64FromBits(v.bits);
        break;
      case "ref":
        if (v.kind === "null") return null;
        if (v.kind === "extern" && v.n !== undefined) return this.extern(v.n);
        break;
    }
    throw new NotRunnable(`argument ${JSON.stringify(v)} cannot be made in JS`);
  }

  private matches(actual: unknown, v: WastValue): boolean {
    switch (v.type) {
      case "i32":
        return typeof actual === "number" && (actual | 0) === v.value;
      case "i64":
        return typeof actual === "bigint" && BigInt.asIntN(64, actual) === BigInt(v.value);
      case "f32":
      case "f64": {
        if (typeof actual !== "number") return false;
        if ("nan" in v) return Number.isNaN(actual);
        const want =
          v.type === "f32" ? f32FromBits(v.bits as number) : f64FromBits(v.bits as string);
        return Number.isNaN(want) ? Number.isNaN(actual) : Object.is(actual, want);
      }
      case "ref":
        if (v.kind === "null") return actual === null;
        if (v.kind === "extern" && v.n !== undefined) return actual === this.extern(v.n);
        if (v.kind === "func") return typeof actual === "function";
        if (v.kind === "i31") return typeof actual === "number";
        return actual !== null && actual !== undefined;
      case "either":
        return v.options.some((option) => this.matches(actual, option));
      case "v128":
        throw new NotRunnable("a v128 result cannot cross the JS boundary");
    }
  }

  private exportsOf(name: string | undefined): Exports {
    const slot = name === undefined ? this.current : this.named.get(name);
    if (!slot) throw new Error(`no module named ${name}`);
    if ("refused" in slot) throw new Refused(slot.refused);
    if ("error" in slot) throw new Error(`no instance: ${slot.error}`);
    return slot.exports;
  }

  private perform(action: WastAction): unknown {
    const exports = this.exportsOf(action.module);
    const target = exports[action.name];
    if (action.kind === "get") {
      if (!(target instanceof WebAssembly.Global)) throw new Error(`no global ${action.name}`);
      return target.value;
    }
    if (typeof target !== "function") throw new Error(`no function ${action.name}`);
    const args = action.args.map((a) => this.toJs(a));
    return (target as (...a: unknown[]) => unknown)(...args);
  }

  private async compile(index: number): Promise<WebAssembly.Module | { refused: string }> {
    const prepared = await this.prepare(base64Bytes(this.script.modules[index]!));
    if (!prepared.ok) return { refused: prepared.message };
    return WebAssembly.compile(prepared.bytes);
  }

  private async instantiate(module: WebAssembly.Module): Promise<Slot> {
    try {
      return { exports: (await WebAssembly.instantiate(module, this.imports)).exports };
    } catch (e) {
      return { error: String(e) };
    }
  }

  /** Runs one command; throws Refused, NotRunnable, or anything for a failure. */
  private async step(c: WastCommand): Promise<string | undefined> {
    switch (c.type) {
      case "module": {
        const compiled = await this.compile(c.module).catch((e) => ({ error: String(e) }));
        let slot: Slot;
        if (compiled instanceof WebAssembly.Module) {
          if (c.definition) {
            if (c.name) this.definitions.set(c.name, compiled);
            return;
          }
          slot = await this.instantiate(compiled);
        } else slot = compiled;
        this.current = slot;
        if (c.name) this.named.set(c.name, slot);
        if ("refused" in slot) throw new Refused(slot.refused);
        if ("error" in slot) throw new Error(slot.error);
        return;
      }
      case "instance": {
        const definition = this.definitions.get(c.of);
        if (!(definition instanceof WebAssembly.Module)) throw new Error(`no definition ${c.of}`);
        this.current = await this.instantiate(definition);
        if (c.name) this.named.set(c.name, this.current);
        if ("error" in this.current) throw new Error(this.current.error);
        return;
      }
      case "register": {
        this.registry.set(c.as, this.exportsOf(c.name));
        return;
      }
      case "action":
        this.perform(c.action);
        return;
      case "assert_return": {
        if (c.expected.some((v) => v.type === "v128")) {
          throw new NotRunnable("a v128 result cannot cross the JS boundary");
        }
        const got = this.perform(c.action);
        const results = c.expected.length > 1 ? (got as unknown[]) : [got];
        if (c.expected.length === 0 && got !== undefined) return `returned ${String(got)}`;
        for (let i = 0; i < c.expected.length; i++) {
          if (!this.matches(results[i], c.expected[i]!)) {
            return `result ${i}: got ${String(results[i])}, want ${JSON.stringify(c.expected[i])}`;
          }
        }
        return;
      }
      case "assert_return_in_wasm": {
        const f = this.exportsOf(c.action.module)[c.action.name];
        if (typeof f !== "function") throw new Error(`no function ${c.action.name}`);
        // The checking module is the harness's own: never prepared (instrumented).
        const wrapper = base64Bytes(this.script.modules[c.wrapper]!);
        const imports = { spec_under_test: { f } };
        const { instance } = await WebAssembly.instantiate(wrapper, imports);
        const ok = (instance.exports["check"] as () => number)();
        return ok === 1 ? undefined : "a result differs from the expected v128 (checked in wasm)";
      }
      case "assert_trap":
      case "assert_exhaustion":
      case "assert_exception": {
        const want = {
          assert_trap: WebAssembly.RuntimeError,
          assert_exhaustion: RangeError,
          assert_exception: WebAssembly.Exception,
        }[c.type];
        try {
          this.perform(c.action);
        } catch (e) {
          if (e instanceof Refused || e instanceof NotRunnable) throw e;
          return e instanceof want ? undefined : `threw ${String(e)}, want a ${want.name}`;
        }
        return `returned, want a ${want.name}`;
      }
      case "assert_invalid":
      case "assert_malformed": {
        const prepared = await this.prepare(base64Bytes(this.script.modules[c.module]!));
        if (prepared.ok && WebAssembly.validate(prepared.bytes)) return "the module validated";
        return;
      }
      case "assert_unlinkable":
      case "assert_trap_instantiate": {
        const compiled = await this.compile(c.module);
        if (!(compiled instanceof WebAssembly.Module)) throw new Refused(compiled.refused);
        const slot = await this.instantiate(compiled);
        if (!("error" in slot)) return "the module instantiated";
        const linkError = /LinkError|TypeError/.test(slot.error);
        const wantLink = c.type === "assert_unlinkable";
        return linkError === wantLink ? undefined : `instantiation: ${slot.error}`;
      }
      case "unconverted":
        throw new NotRunnable(c.reason);
    }
  }

  async run(): Promise<WastResult[]> {
    const results: WastResult[] = [];
    for (const c of this.script.commands) {
      const result: WastResult = { line: c.line, type: c.type, outcome: "pass" };
      try {
        const failure = await this.step(c);
        if (failure !== undefined) Object.assign(result, { outcome: "fail", detail: failure });
      } catch (e) {
        if (e instanceof Refused) Object.assign(result, { outcome: "refused", detail: e.message });
        else if (e instanceof NotRunnable) {
          Object.assign(result, { outcome: "not_run", detail: e.message });
        } else Object.assign(result, { outcome: "fail", detail: String(e) });
      }
      if (result.detail) result.detail = result.detail.slice(0, 300);
      results.push(result);
    }
    return results;
  }
}

/** Runs a script's commands in order; `prepare` sees every module before it is compiled. */
export function runWastScript(
  script: WastScript,
  prepare: PrepareModule = async (bytes) => ({ ok: true, bytes }),
): Promise<WastResult[]> {
  return new ScriptRun(script, prepare).run();
}
