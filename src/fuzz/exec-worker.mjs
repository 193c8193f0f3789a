// The executor of the differential fuzzer, in a worker thread so a module that never ends can be
// killed (worker.terminate()) instead of hanging the campaign. Plain JS: worker_threads cannot
// load TypeScript in Node 20. Messages: { id, bytes, plan, instrumented } → { id, observation }
// or { id, error }. The host stubs mirror binaryen's fuzz_shell.js, deterministically: every
// call is logged, nothing depends on time or randomness.
import { parentPort } from "node:worker_threads";

const SANDBOX_PREFIX = "__sandbox_";

function repr(v) {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "function") return "func";
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "object") return "object";
  return `${typeof v}:${String(v)}`;
}

function errorRepr(e) {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  return `thrown ${repr(e)}`;
}

/** Two fixed argument sets: zeros, then small odd values. */
function argFor(type, set) {
  switch (type) {
    case "i32":
      return set === 0 ? 0 : -7;
    case "i64":
      return set === 0 ? 0n : -7n;
    case "f32":
    case "f64":
      return set === 0 ? 0 : 1.5;
    case "v128":
      return 0; // JS cannot pass a v128: both sides get the same TypeError
    default:
      return null;
  }
}

function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(16);
}

function observe(bytes, plan) {
  const events = [];
  let stackOverflow = false;
  let exportsRef;
  const note = (e) => {
    const text = errorRepr(e);
    if (text.startsWith("RangeError: Maximum call stack size exceeded")) stackOverflow = true;
    return text;
  };
  const funcExports = () =>
    exportsRef
      ? Object.entries(exportsRef).filter(
          ([n, v]) => typeof v === "function" && !n.startsWith(SANDBOX_PREFIX),
        )
      : [];
  const callExport = (index) => {
    const entry = funcExports()[index >>> 0];
    if (!entry) throw new Error(`call-export: no export ${index}`);
    events.push(`call-export ${entry[0]}`);
    return entry[1]();
  };
  const callRef = (ref) => {
    if (typeof ref !== "function") throw new TypeError("call-ref: not a function");
    events.push("call-ref");
    return ref();
  };
  const table = () => {
    const t = exportsRef && Object.values(exportsRef).find((v) => v instanceof WebAssembly.Table);
    if (!t) throw new Error("no exported table");
    return t;
  };
  const tableIndex = (t, i) => (typeof t.length === "bigint" ? BigInt(i >>> 0) : i >>> 0);
  // binaryen's fuzz_shell.js tags, where this V8 has them (exceptions: Node 24, not Node 20).
  const wasmtag =
    typeof WebAssembly.Tag === "function"
      ? new WebAssembly.Tag({ parameters: ["i32"] })
      : undefined;
  const support = {
    wasmtag,
    jstag: WebAssembly.JSTag,
    // Like fuzz_shell.js: 0 throws a JS error, anything else a wasm exception of wasmtag.
    throw: (which) => {
      events.push(`throw ${repr(which)}`);
      if (!which || !wasmtag) throw new Error("fuzz throw");
      throw new WebAssembly.Exception(wasmtag, [42]);
    },
    "log-i32": (x) => void events.push(`log-i32 ${repr(x)}`),
    "log-i64": (x) => void events.push(`log-i64 ${repr(x)}`),
    "log-f32": (x) => void events.push(`log-f32 ${repr(x)}`),
    "log-f64": (x) => void events.push(`log-f64 ${repr(x)}`),
    "log-v128": () => void events.push("log-v128"),
    "call-export": (index) => void callExport(index),
    "call-export-catch": (index) => {
      try {
        callExport(index);
        return 0;
      } catch (e) {
        events.push(`caught ${note(e)}`);
        return 1;
      }
    },
    "call-ref": (ref) => void callRef(ref),
    "call-ref-catch": (ref) => {
      try {
        callRef(ref);
        return 0;
      } catch (e) {
        events.push(`caught ${note(e)}`);
        return 1;
      }
    },
    "table-get": (i) => table().get(tableIndex(table(), i)),
    "table-set": (i, v) => table().set(tableIndex(table(), i), v),
    sleep: (_ms, id) => id,
  };
  // Any other import (mutated real modules import env.log, WASI, …) logs its call and returns 0.
  const generic =
    (module, name) =>
    (...args) => {
      events.push(`${module}.${name}(${args.map(repr).join(",")})`);
      return 0;
    };
  const imports = new Proxy(
    {},
    {
      get: (_t, module) =>
        new Proxy(
          {},
          {
            get: (_u, name) => {
              if (module === "fuzzing-support" && name in support) return support[name];
              if (module === "__fuzz_import") return "externref-value";
              return generic(String(module), String(name));
            },
          },
        ),
    },
  );

  let instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
    events.push("instantiated");
  } catch (e) {
    events.push(`instantiate !! ${note(e)}`);
  }
  const fuelGlobal = instance?.exports[`${SANDBOX_PREFIX}fuel_remaining`];
  const exhausted = () => fuelGlobal instanceof WebAssembly.Global && fuelGlobal.value < 0n;
  if (instance) {
    exportsRef = instance.exports;
    outer: for (const { name, params } of plan.calls) {
      for (const set of [0, 1]) {
        if (exhausted()) break outer;
        const fn = instance.exports[name];
        events.push(`call ${name}#${set}`);
        try {
          const r = fn(...params.map((t) => argFor(t, set)));
          events.push(`=> ${Array.isArray(r) ? r.map(repr).join(",") : repr(r)}`);
        } catch (e) {
          events.push(`!! ${note(e)}`);
        }
      }
    }
  }
  const globals = {};
  const memories = {};
  const tables = {};
  for (const [name, v] of Object.entries(instance?.exports ?? {})) {
    if (name.startsWith(SANDBOX_PREFIX)) continue;
    if (v instanceof WebAssembly.Global) {
      try {
        globals[name] = repr(v.value);
      } catch (e) {
        globals[name] = errorRepr(e); // a v128 global cannot be read from JS
      }
    } else if (v instanceof WebAssembly.Memory) {
      const view = new Uint8Array(v.buffer);
      memories[name] = `${view.length / 65536}:${fnv1a(view)}`;
    } else if (v instanceof WebAssembly.Table) {
      // A table64's length and indices are bigints in the JS API.
      const index = typeof v.length === "bigint" ? BigInt : Number;
      let pattern = "";
      for (let i = 0; i < Math.min(Number(v.length), 4096); i++)
        pattern += v.get(index(i)) === null ? "0" : "1";
      tables[name] = `${v.length}:${pattern}`;
    }
  }
  const grow = instance?.exports[`${SANDBOX_PREFIX}grow_refused`];
  return {
    events,
    globals,
    memories,
    tables,
    // The stack budget (instrument/stack-budget.ts, FLAG_STACK_BUDGET = 16) ends a recursion the
    // native stack may still hold: a stack overflow too, not a difference.
    stackOverflow: stackOverflow || (grow instanceof WebAssembly.Global && (grow.value & 16) !== 0),
    fuelExhausted: fuelGlobal ? exhausted() : undefined,
    // A memory or table grow refused by a cap (bits 1, 2) or the GC allocation cap hit (8).
    growRefused: grow instanceof WebAssembly.Global ? (grow.value & 0b1011) !== 0 : undefined,
  };
}

parentPort.on("message", ({ id, bytes, plan }) => {
  try {
    parentPort.postMessage({ id, observation: observe(bytes, plan) });
  } catch (e) {
    parentPort.postMessage({ id, error: errorRepr(e) });
  }
});
