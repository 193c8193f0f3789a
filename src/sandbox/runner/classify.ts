// Turns whatever ended a guest run into exactly one ErrorKind and a message a person can act
// on. Order matters: a typed host signal first, then fuel (its trap is an ordinary
// `unreachable`), then stack overflow (which may surface inside a host function), then a
// refused grow, then plain traps.
import type { ModuleInfo } from "../inspect/module-info";
import type { ErrorKind } from "../types";
import type { GrowRefusal } from "../instrument/read-abi";
import { isGuestSignal, OutputLimitReached, type GuestSignal } from "./guest-signals";
import { whereItFailed } from "./wasm-frames";
import { groupDigits } from "../digits";

export interface FailureFacts {
  /** "start": the start function, called by the runner after instantiation (deferred start). */
  phase: "instantiate" | "start" | "run";
  info?: ModuleInfo;
  /** Read from the instance; absent when there is none (failed in the start function) or unmetered. */
  fuel?: { consumed: bigint; exhausted: boolean; limit?: bigint };
  /** Which cap refused a grow during the run, if any; "gc": the GC allocation cap ended it. */
  /** "stack": a call did not fit the stack budget (instrument/stack-budget.ts). */
  growRefused?: GrowRefusal;
  memoryLimitBytes: number;
  /** The GC allocation cap (maxGcAllocationBytes), for the message. */
  gcLimitBytes?: number;
  /** The stack budget (maxStackBytes), for the message. */
  stackLimitBytes?: number;
  tableLimitElements?: number;
  /** The first signal a host function raised, even if the guest caught it and went on. */
  signal?: GuestSignal;
}

export interface Classified {
  kind: ErrorKind;
  message: string;
  exitCode?: number;
}

/** An exit through a host binding (WASI proc_exit): 0 is a success, anything else "exit". */
export function classifyExit(code: number): { exitCode: 0 } | Classified {
  if (code === 0) return { exitCode: 0 };
  return { kind: "exit", exitCode: code, message: `the guest exited with code ${code}` };
}

const WasmException = (WebAssembly as unknown as { Exception?: abstract new () => object })
  .Exception;

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${groupDigits(bytes / 1024)} KiB`;
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

function classifySignal(signal: GuestSignal, where: string): Classified {
  if (signal instanceof OutputLimitReached) {
    return {
      kind: "output_limit",
      message: `the guest wrote more than the output cap of ${groupDigits(signal.limitBytes)} bytes${where}; raise maxOutputBytes or print less`,
    };
  }
  return { kind: "trap", message: `trap: ${signal.message}${where}` };
}

export function classifyFailure(thrown: unknown, facts: FailureFacts): Classified {
  const signal = facts.signal ?? (isGuestSignal(thrown) ? thrown : undefined);
  const where = whereItFailed(signal instanceof Error ? signal : thrown, facts.info);
  const during =
    facts.phase === "instantiate"
      ? " (during instantiation: start function or segment initialisation)"
      : facts.phase === "start"
        ? " (in the start function)"
        : "";
  if (signal) return classifySignal(signal, `${where}${during}`);
  if (facts.fuel?.exhausted) {
    const limit = facts.fuel.limit === undefined ? "the" : `${facts.fuel.limit}`;
    return {
      kind: "fuel_exhausted",
      message: `ran out of fuel after ${facts.fuel.consumed} of ${limit} units${where}${during}; raise maxFuel or make the guest do less work`,
    };
  }
  if (facts.growRefused === "stack") {
    const limit =
      facts.stackLimitBytes === undefined
        ? ""
        : ` of ${groupDigits(facts.stackLimitBytes / 1024)} KiB`;
    return {
      kind: "stack_overflow",
      message: `stack overflow: the guest's calls went deeper than the stack budget${limit} (maxStackBytes; each frame weighs 96 bytes plus 8 per parameter and local)${where}${during} (unbounded recursion?)`,
    };
  }
  if (thrown instanceof RangeError && /call stack/i.test(thrown.message)) {
    return {
      kind: "stack_overflow",
      message: `stack overflow: the call stack was exhausted${where}${during} (unbounded recursion?)`,
    };
  }
  if (thrown instanceof WebAssembly.CompileError || thrown instanceof WebAssembly.LinkError) {
    return { kind: "invalid_module", message: `invalid module: ${messageOf(thrown)}` };
  }
  const cap = mebibytes(facts.memoryLimitBytes);
  if (facts.growRefused === "gc") {
    const limit = facts.gcLimitBytes === undefined ? "" : ` of ${mebibytes(facts.gcLimitBytes)}`;
    return {
      kind: "memory_limit",
      message: `the guest allocated more GC objects (structs and arrays, by their declared sizes) than the GC allocation cap${limit} (maxGcAllocationBytes)${where}${during}. The cap counts every allocation of the run, objects the collector has already freed included, not only those still alive`,
    };
  }
  if (facts.growRefused === "table") {
    const limit =
      facts.tableLimitElements === undefined
        ? "the table cap"
        : `the table cap of ${groupDigits(facts.tableLimitElements)} elements (maxTableElements)`;
    return {
      kind: "memory_limit",
      message: `the guest asked for a table larger than ${limit}, then failed: ${messageOf(thrown)}${where}`,
    };
  }
  if (facts.growRefused === "memory") {
    return {
      kind: "memory_limit",
      message: `the guest asked for more memory than the cap of ${cap}, then failed: ${messageOf(thrown)}${where}`,
    };
  }
  if (thrown instanceof RangeError && /memory/i.test(thrown.message)) {
    return {
      kind: "memory_limit",
      message: `the host could not allocate the guest's memory (cap ${cap}): ${thrown.message}`,
    };
  }
  if (thrown instanceof WebAssembly.RuntimeError) {
    return { kind: "trap", message: `trap: ${thrown.message}${where}${during}` };
  }
  if (WasmException && thrown instanceof WasmException) {
    return { kind: "trap", message: `trap: an uncaught WebAssembly exception${where}${during}` };
  }
  const name = thrown instanceof Error ? `${thrown.name}: ` : "";
  return {
    kind: "trap",
    message: `trap: unexpected host error ${name}${messageOf(thrown)}${where}${during}`,
  };
}
