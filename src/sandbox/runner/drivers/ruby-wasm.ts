// The "ruby-wasm" driver: CRuby from the npm packages `@ruby/*-wasm-wasi`. Their .wasm is a
// wit-bindgen *reactor*, not a WASI command: it exports `_initialize`, `ruby-init` and
// `rb-eval-string-protect` with canonical-ABI signatures, and imports `rb-js-abi-host.*`
// (JS interop, the `js` gem) and three `canonical_abi.*` resource functions besides WASI.
//
// In the sandbox there is no JavaScript to interoperate with: `rb-js-abi-host.*` are stubs that
// trap, naming the function, if Ruby code calls them. The resource functions are real (identity
// handles: a handle only ever goes back to the instance that made it) and grant nothing.
//
// The script runs inside a wrapper, so a Ruby program ends like a command would: an uncaught
// exception prints Ruby's report to stderr and exits 1; `exit n` exits n (both through WASI
// proc_exit, so the result's exitCode and errorKind "exit" follow).
import type { ExportInfo } from "../../inspect/module-info";
import { HostTrap } from "../guest-signals";
import type { HostModule } from "../host-module";
import type { RunRequest } from "../protocol";
import type { Driver } from "./driver";
import { missingRubyWasmExports, RUBY_WASM_EXPORTS } from "./ruby-wasm-abi";

const {
  init: INIT,
  rubyInit: RUBY_INIT,
  rubyInitLoadpath: RUBY_INIT_LOADPATH,
  evalPrefix: EVAL_PREFIX,
  realloc: REALLOC,
} = RUBY_WASM_EXPORTS;

/**
 * Always given to ruby-init before the person's argv (the npm package's own defaults):
 * "-e_=0" stops ruby-init reading a script from stdin; option parsing goes on after it, so
 * argv may hold more options (e.g. "--disable-gems") and then ARGV.
 */
export const RUBY_BASE_ARGS = ["ruby", "-EUTF-8", "-e_=0"] as const;
/** The file name Ruby reports for the script (backtraces, __FILE__). */
export const RUBY_SCRIPT_NAME = "main.rb";

type Fn = (...args: number[]) => number;

/** A Ruby double-quoted literal of `text`: JSON's escapes are Ruby's, and `#` must not interpolate. */
export function rubyStringLiteral(text: string): string {
  const wellFormed = new TextDecoder().decode(new TextEncoder().encode(text));
  return JSON.stringify(wellFormed).replace(/#/g, "\\#");
}

/** The script inside the wrapper that turns exceptions and `exit` into a command's exit. */
export function wrapScript(script: string): string {
  return [
    "begin",
    `  eval(${rubyStringLiteral(script)}, TOPLEVEL_BINDING, ${rubyStringLiteral(RUBY_SCRIPT_NAME)}, 1)`,
    "rescue SystemExit => e",
    "  $stdout.flush; $stderr.flush; exit!(e.status)",
    "rescue Exception => e",
    "  $stderr.print(e.full_message(highlight: false))",
    "  $stdout.flush; $stderr.flush; exit!(1)",
    "end",
    "$stdout.flush; $stderr.flush",
  ].join("\n");
}

function scriptOf(request: RunRequest): string {
  if (request.script !== undefined) return request.script;
  const stdin = request.stdin ?? "";
  return typeof stdin === "string" ? stdin : new TextDecoder().decode(stdin);
}

function canonicalAbi(): HostModule {
  const handle = { signature: { params: ["i32"], results: ["i32"] }, fn: (n: number) => n };
  return {
    name: "canonical_abi",
    functions: {
      "resource_new_rb-abi-value": handle,
      "resource_get_rb-abi-value": handle,
      "resource_drop_js-abi-value": { signature: { params: ["i32"], results: [] }, fn: () => {} },
    },
  };
}

/** Guest memory access for the canonical ABI: strings go in through cabi_realloc. */
class Lowering {
  constructor(private readonly exports: WebAssembly.Exports) {}

  private get memory(): WebAssembly.Memory {
    return this.exports.memory as WebAssembly.Memory;
  }

  alloc(bytes: number, align: number): number {
    return (this.exports[REALLOC] as Fn)(0, 0, align, bytes) >>> 0;
  }

  /** A string as (ptr, len); NUL-terminated, since ruby-init hands its args to C as they are. */
  string(text: string, nul = false): [number, number] {
    const bytes = new TextEncoder().encode(nul ? `${text}\0` : text);
    const ptr = this.alloc(bytes.length, 1);
    new Uint8Array(this.memory.buffer, ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  }

  /** list<string>: consecutive (ptr, len) pairs. */
  stringList(texts: readonly string[]): [number, number] {
    const pairs = texts.map((t) => this.string(t, true));
    const list = this.alloc(pairs.length * 8, 4);
    const view = new DataView(this.memory.buffer);
    pairs.forEach(([ptr, len], i) => {
      view.setUint32(list + i * 8, ptr, true);
      view.setUint32(list + i * 8 + 4, len, true);
    });
    return [list, pairs.length];
  }

  i32(at: number): number {
    return new DataView(this.memory.buffer).getInt32(at, true);
  }
}

export const rubyWasmDriver: Driver = {
  check(exports: readonly ExportInfo[]) {
    const missing = missingRubyWasmExports(exports);
    if (missing.length === 0) return undefined;
    return `driver "ruby-wasm" needs a ruby.wasm reactor (npm @ruby/*-wasm-wasi); the module does not export ${missing.join(", ")}`;
  },

  prepare(request) {
    return {
      ...request,
      programName: request.programName ?? "ruby",
      // Without a script option, stdin is the script: the program must not read it again.
      stdin: request.script === undefined ? undefined : request.stdin,
    };
  },

  hostModules: () => [canonicalAbi()],

  stubImports: ["rb-js-abi-host.*"],

  run(instance, request) {
    const e = instance.exports;
    const abi = new Lowering(e);
    (e[INIT] as Fn)();
    (e[RUBY_INIT] as Fn)(...abi.stringList([...RUBY_BASE_ARGS, ...(request.argv ?? [])]));
    (e[RUBY_INIT_LOADPATH] as Fn)();
    const evalName = Object.keys(e).find((name) => name.startsWith(EVAL_PREFIX))!;
    // Returns a pointer to tuple<handle<rb-abi-value>, s32>: the state is the second word.
    const result = (e[evalName] as Fn)(...abi.string(wrapScript(scriptOf(request)))) >>> 0;
    const state = abi.i32(result + 4);
    if (state !== 0) {
      throw new HostTrap(
        `the ruby-wasm driver's wrapper failed to evaluate (Ruby tag state ${state})`,
      );
    }
  },
};
