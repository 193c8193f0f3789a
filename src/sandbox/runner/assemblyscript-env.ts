// The `env` imports AssemblyScript 0.28 emits for its standard library: console.*, trace,
// seed (Math.random's seed) and Date.now. Signatures as asc emits them (checked by compiling
// a snippet and reading its imports); output goes where the loader's bindings send it
// (console.log/info/debug and trace → stdout, console.warn/error → stderr).
// In deterministic mode seed() is fixed and Date.now() is a virtual clock on the WASI clock's
// epoch that advances 1 ms per reading, so Math.random() and timestamps reproduce.
import { HostTrap } from "./guest-signals";
import { guestMemory, readAssemblyScriptString } from "./guest-memory";
import type { HostContext, HostFunction } from "./host-module";
import { CLOCK_TICK_NS, DEFAULT_SEED, FIXED_EPOCH_NS } from "./wasi/clocks";

/** What seed() returns in deterministic mode. Values must not change: share links reproduce with it. */
export const FIXED_AS_SEED = DEFAULT_SEED;
const EPOCH_MS = Number(FIXED_EPOCH_NS / 1_000_000n);
const TICK_MS = Number(CLOCK_TICK_NS / 1_000_000n);

const encoder = new TextEncoder();

/** An AS string argument as text; a null pointer is a trap (asc never passes one here). */
function stringArg(context: HostContext, pointer: number, caller: string): string {
  const text = readAssemblyScriptString(guestMemory(context, caller), pointer);
  if (text === undefined) throw new HostTrap(`${caller} was given a null string`);
  return text;
}

function line(context: HostContext, stream: "stdout" | "stderr", text: string): void {
  context.write(stream, encoder.encode(`${text}\n`));
}

function consoleFunction(context: HostContext, method: string, stream: "stdout" | "stderr") {
  const caller = `env.console.${method}`;
  return {
    signature: { params: ["i32"], results: [] },
    fn: (text: number) => line(context, stream, stringArg(context, text, caller)),
  } satisfies HostFunction;
}

function deterministicNow(): () => number {
  let readings = 0;
  return () => EPOCH_MS + TICK_MS * readings++;
}

export function assemblyScriptFunctions(context: HostContext): Record<string, HostFunction> {
  const now = context.deterministic ? deterministicNow() : () => Date.now();
  return {
    "console.log": consoleFunction(context, "log", "stdout"),
    "console.info": consoleFunction(context, "info", "stdout"),
    "console.debug": consoleFunction(context, "debug", "stdout"),
    "console.warn": consoleFunction(context, "warn", "stderr"),
    "console.error": consoleFunction(context, "error", "stderr"),
    trace: {
      signature: { params: ["i32", "i32", "f64", "f64", "f64", "f64", "f64"], results: [] },
      // asc's own binding: console.log(message, ...[a0, a1, a2, a3, a4].slice(0, n)).
      fn: (message: number, n: number, ...values: number[]) => {
        const count = Math.min(Math.max(n | 0, 0), 5);
        const shown = values.slice(0, count).map(String);
        line(context, "stdout", [stringArg(context, message, "env.trace"), ...shown].join(" "));
      },
    },
    seed: {
      signature: { params: [], results: ["f64"] },
      // asc's binding is Date.now() * Math.random(); any non-constant f64 will do.
      fn: () => (context.deterministic ? FIXED_AS_SEED : Date.now() * Math.random()),
    },
    "Date.now": { signature: { params: [], results: ["f64"] }, fn: now },
  };
}
