// The instrumented module, as a run with the page's current limits would run it (the same
// instrumentation of the same module, binaryen's output where optimize is on, and the same cache
// in the toolchain worker). Made only while it is looked at (`bytes` is null otherwise).
import { useEffect, useState } from "react";
import * as engine from "../engine/engine";
import { runSettings } from "../controller/settings";
import { usePlayground, usePlaygroundState } from "../state/context";
import type { PageLimits } from "../state/types";

export type Instrumented =
  | { status: "idle" | "working" }
  | { status: "ready"; bytes: Uint8Array }
  | { status: "error"; message: string };

interface Made {
  from: Uint8Array;
  limits: PageLimits;
  deterministic: boolean;
  outcome: engine.InstrumentedModule;
}

export function useInstrumented(bytes: Uint8Array | null): Instrumented {
  const playground = usePlayground();
  // What the instrumentation depends on: fuel, memory cap, determinism (lazy counter).
  const limits = usePlaygroundState((s) => s.limits);
  const deterministic = usePlaygroundState((s) => s.io.deterministic);
  const [made, setMade] = useState<Made | null>(null);

  useEffect(() => {
    if (!bytes) return;
    let live = true;
    const settings = runSettings(playground.store.get());
    void engine.instrumentAsRun(bytes, settings).then((outcome) => {
      if (live) setMade({ from: bytes, limits, deterministic, outcome });
    });
    return () => {
      live = false;
    };
  }, [bytes, limits, deterministic, playground]);

  if (!bytes) return { status: "idle" };
  const current =
    made?.from === bytes && made.limits === limits && made.deterministic === deterministic;
  if (!current) return { status: "working" };
  return made.outcome.ok
    ? { status: "ready", bytes: made.outcome.bytes }
    : { status: "error", message: made.outcome.message };
}
