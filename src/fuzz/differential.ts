// One differential check: the module as given vs the module instrument() made of it, run in V8
// with ample fuel and caps at V8's own maxima, every export called with fixed arguments. Any
// difference in events (host calls, results, traps), globals, memory or tables is a mismatch.
import { instrument } from "../sandbox/instrument";
import { inspect } from "../sandbox/inspect/inspect";
import type { Executor } from "./executor";
import { exposeMemory } from "./expose-memory";
import { differences, type CallPlan } from "./observation";

/** Ample, yet finite so a module without binaryen's hang limit still ends. */
export const FUZZ_FUEL = 20_000_000n;
/**
 * The budget of the second look at a module whose instrumented run did not end in time. Some
 * fuzz modules do a lot of host-side work per unit of fuel (stack overflows caught and retried
 * through call-ref-catch: each one builds a JS exception): if such a module ends promptly on a
 * small budget, fuel does bound it and it is just slow; if it still does not end, fuel is not
 * charged somewhere, and that is a finding.
 */
export const RECHECK_FUEL = 100_000n;
/** Caps at the largest the config allows, so they never bind below what V8 itself permits. */
const LIMITS = {
  maxFuel: FUZZ_FUEL,
  maxMemoryBytes: 4 * 1024 * 1024 * 1024,
  maxTableElements: 10_000_000,
  // The shape a deterministic sandbox runs (its exact twin is compared in fuzz.test.ts).
  lazyCounter: true,
};

export type Verdict =
  | { verdict: "same"; executions: number }
  | { verdict: "mismatch"; details: string[]; executions: number }
  /** Not comparable (budget or cap hit, stack depth, non-function imports): not a finding. */
  | { verdict: "inconclusive"; reason: string; executions: number }
  /** instrument() refused a module V8 accepts (allowed when it names what it cannot handle). */
  | { verdict: "refused"; reason: string; executions: 0 }
  | { verdict: "invalid"; executions: 0 };

export function callPlan(info: {
  exports: { name: string; kind: string; signature?: { params: string[] } }[];
}): CallPlan {
  return {
    calls: info.exports
      .filter((e) => e.kind === "function" && e.signature)
      .map((e) => ({ name: e.name, params: e.signature!.params })),
  };
}

export async function checkModule(input: Uint8Array, executor: Executor): Promise<Verdict> {
  if (!WebAssembly.validate(input as Uint8Array<ArrayBuffer>))
    return { verdict: "invalid", executions: 0 };
  const inspected = inspect(input);
  if (!inspected.ok)
    return {
      verdict: "mismatch",
      details: [`inspect failed on a valid module: ${inspected.message}`],
      executions: 0,
    };
  const nonFunctionImport = inspected.info.imports.find(
    (i) =>
      i.kind !== "function" &&
      i.module !== "__fuzz_import" &&
      !(i.kind === "tag" && i.module === "fuzzing-support"),
  );
  if (nonFunctionImport) {
    return {
      verdict: "inconclusive",
      reason: `imports a ${nonFunctionImport.kind}`,
      executions: 0,
    };
  }
  const original = exposeMemory(input, inspected.info);
  const outcome = await instrument(original, LIMITS);
  if (!outcome.ok) {
    return outcome.kind === "memory_limit"
      ? { verdict: "inconclusive", reason: outcome.message, executions: 0 }
      : { verdict: "refused", reason: outcome.message, executions: 0 };
  }
  const plan = callPlan(inspected.info);
  const executions = plan.calls.length * 2;
  // Instrumented first: it is bounded by fuel, so it tells whether the original will end.
  const inst = await executor.run(outcome.bytes, plan);
  if (!inst.ok) return recheck(original, plan, inst.reason, executor, executions);
  if (inst.observation.fuelExhausted)
    return { verdict: "inconclusive", reason: "fuel budget spent", executions };
  if (inst.observation.growRefused)
    return { verdict: "inconclusive", reason: "a cap refused a grow", executions };
  // The budget ends a recursion V8's deeper stack lets the original continue, so the original
  // need not end at all: a host that catches the traps and calls again (fuzz_shell's
  // call-ref-catch) retries for ever near V8's limit, while the instrumented frames a trap
  // unwound keep their weight and the budget runs dry. Not comparable, whatever the original does.
  if (inst.observation.stackOverflow)
    return { verdict: "inconclusive", reason: "stack overflow", executions };
  const orig = await executor.run(original, plan);
  if (!orig.ok)
    return {
      verdict: "mismatch",
      details: [`original: ${orig.reason}`],
      executions: executions * 2,
    };
  if (orig.observation.stackOverflow || inst.observation.stackOverflow) {
    return { verdict: "inconclusive", reason: "stack overflow", executions: executions * 2 };
  }
  const details = differences(orig.observation, inst.observation);
  return details.length > 0
    ? { verdict: "mismatch", details, executions: executions * 2 }
    : { verdict: "same", executions: executions * 2 };
}

async function recheck(
  original: Uint8Array,
  plan: CallPlan,
  reason: string,
  executor: Executor,
  executions: number,
): Promise<Verdict> {
  const small = await instrument(original, { ...LIMITS, maxFuel: RECHECK_FUEL });
  if (!small.ok)
    return { verdict: "mismatch", details: [`re-instrument: ${small.message}`], executions };
  const again = await executor.run(small.bytes, plan);
  if (again.ok && again.observation.fuelExhausted) {
    return {
      verdict: "inconclusive",
      reason: "host-heavy: slow per unit of fuel, but bounded by it",
      executions,
    };
  }
  return {
    verdict: "mismatch",
    details: [
      `instrumented: ${reason}`,
      `with ${RECHECK_FUEL} fuel: ${again.ok ? "ended without spending it" : again.reason}`,
    ],
    executions,
  };
}
