// runGuest: the pure core of the runner worker (Node-testable). compile → inspect → link the
// allowed imports → instantiate → run the deferred start function → call the entry (or let a
// driver run the program) → read fuel and memory → one RunReport. Never throws for anything
// the guest does; every failure is a report with an errorKind.
import { FUEL_REMAINING_EXPORT, START_EXPORT } from "../instrument/abi";
import { inspect } from "../inspect/inspect";
import { boundImports, instantiateHostModules } from "./bound-imports";
import { DRIVERS } from "./drivers";
import { chooseEntry, convertArgs } from "./entry-call";
import {
  exportedMemory,
  GuestRun,
  latched,
  latchedStub,
  latchSignals,
  type RunHooks,
} from "./guest-run";
import { isRefusal, type HostBinding } from "./host-bindings";
import type { HostContext } from "./host-module";
import { linkImports } from "./link-imports";
import { installProfileHooks } from "../profile/hooks";
import { ProfileRecorder } from "../profile/recorder";
import type { RunReport, RunRequest } from "./protocol";

export type { RunHooks } from "./guest-run";

export async function runGuest(
  bytes: Uint8Array,
  request: RunRequest,
  hooks: RunHooks,
): Promise<RunReport> {
  const now = hooks.now ?? (() => performance.now());
  const run = new GuestRun(request, hooks);
  const { timings } = run;

  hooks.onEvent({ type: "phase", phase: "compiling" });
  let compiled: WebAssembly.Module;
  const compileStart = now();
  try {
    compiled = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (thrown) {
    return run.report(run.fail(thrown, "instantiate"));
  }
  timings.compileMs = now() - compileStart;
  const inspected = inspect(bytes, { scanCode: false });
  if (!inspected.ok) return run.report({ kind: "invalid_module", message: inspected.message });
  const info = (run.info = inspected.info);

  const driver = request.driver === undefined ? undefined : DRIVERS[request.driver];
  const unusable = driver?.check(info.exports);
  if (unusable) return run.report({ kind: "invalid_module", message: unusable });

  const context: HostContext = {
    memory: () => run.memory,
    write: (stream, data) => run.sink.write(stream, data),
    deterministic: request.deterministic,
  };
  const bindingRequest = driver?.prepare(request) ?? request;
  const made = hooks.hostBindings.map((factory) => factory(context, bindingRequest));
  const refusal = made.find(isRefusal);
  if (refusal) return run.report({ kind: "invalid_config", message: refusal.refused });
  const driverModules = driver?.hostModules(context) ?? [];
  run.bindings = [
    ...made.filter((b): b is HostBinding => !isRefusal(b)),
    ...driverModules.map((module) => ({ module })),
  ];
  const modules = run.bindings.map((b) => latchSignals(b.module, run.latch));
  const importBindings = request.importBindings ?? [];
  const hosts = await instantiateHostModules(request.hostModules ?? [], importBindings);
  if (!hosts.ok) return run.report(hosts);
  const guestFuel = () => {
    const global = run.instance?.exports[FUEL_REMAINING_EXPORT];
    return global instanceof WebAssembly.Global ? global : undefined;
  };
  const policy = {
    memoryLimitBytes: request.memoryLimitBytes,
    // A driver's own modules are plumbing that grants nothing (drivers/driver.ts).
    allowedImports: [...request.allowedImports, ...driverModules.map((m) => `${m.name}.*`)],
    stubImports: [...(request.stubImports ?? []), ...(driver?.stubImports ?? [])],
    bindings: boundImports(importBindings, hosts.hosts, guestFuel, (fn) => latched(fn, run.latch)),
  };
  const link = linkImports(info.imports, policy, modules, (name) => latchedStub(name, run.latch));
  if (!link.ok) return run.report(link);
  run.memory = link.memory; // an imported memory is reachable even from the start function

  const callGuest = guestCall(driver, request, info.exports);
  if (typeof callGuest !== "function") return run.report(callGuest);

  hooks.onEvent({ type: "phase", phase: "instantiating", compileMs: timings.compileMs });
  const instantiateStart = now();
  try {
    run.instance = await WebAssembly.instantiate(compiled, link.imports);
  } catch (thrown) {
    timings.instantiateMs = now() - instantiateStart;
    return run.report(run.fail(thrown, "instantiate"));
  }
  run.memory ??= exportedMemory(run.instance);
  if (request.profile && request.metered) {
    const recorder = new ProfileRecorder();
    if (installProfileHooks(run.instance, recorder)) run.profiler = recorder;
  }
  for (const binding of run.bindings) binding.bindInstance?.(run.instance);

  // A start function deferred by instrument() runs now, still in the "instantiating" phase
  // (a timeout there still says "start function"), but with an instance to read the fuel from
  // and a memory its host calls can reach.
  const start = run.instance.exports[START_EXPORT];
  if (typeof start === "function") {
    let failure: { thrown: unknown } | undefined;
    try {
      start();
    } catch (thrown) {
      failure = { thrown };
    }
    // A signal or an exit the guest caught ends the run as surely as one it did not.
    if (failure || run.latch.signal || run.exitCode() !== undefined) {
      timings.instantiateMs = now() - instantiateStart;
      return run.report(run.fail(failure?.thrown, "start"));
    }
  }
  timings.instantiateMs = now() - instantiateStart;

  const { compileMs, instantiateMs } = timings;
  hooks.onEvent({ type: "phase", phase: "running", compileMs, instantiateMs });
  const runStart = now();
  let outcome;
  try {
    outcome = run.returned(callGuest(run.instance));
  } catch (thrown) {
    outcome = run.fail(thrown, "run");
  }
  timings.runMs = now() - runStart;
  return run.report(outcome);
}

/** What the run calls: the driver's run, or the chosen export with its arguments converted. */
function guestCall(
  driver: (typeof DRIVERS)[keyof typeof DRIVERS] | undefined,
  request: RunRequest,
  exports: Parameters<typeof chooseEntry>[0],
): ((instance: WebAssembly.Instance) => unknown) | Parameters<GuestRun["report"]>[0] {
  if (driver) return (instance) => driver.run(instance, request);
  const chosen = chooseEntry(exports, request.entry);
  if (!chosen.ok) return chosen;
  const args = convertArgs(chosen.entry.name, chosen.entry.signature, request.args ?? []);
  if (!args.ok) return args;
  return (instance) =>
    (instance.exports[chosen.entry.name] as (...values: unknown[]) => unknown)(...args.values);
}
