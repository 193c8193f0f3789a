// The module a run would run: the one built, or binaryen's optimisation of it at the page's
// level (the same call and cache as Run, controller/optimize.ts). The WAT and instrumented views
// show this one, so with optimize on they show the optimised module, not the one before it.
import { useEffect, useState } from "react";
import { levelThatRuns, type ModuleForRun } from "../controller/optimize";
import { usePlayground, usePlaygroundState } from "../state/context";
import type { CompiledModule } from "../state/types";
import type { OptimizeLevel } from "../../sandbox/toolchain/optimize";

export type ModuleThatRuns =
  | { status: "idle" }
  | { status: "working"; level: OptimizeLevel }
  | { status: "ready"; bytes: Uint8Array; level: OptimizeLevel }
  | { status: "error"; level: OptimizeLevel; message: string };

interface Made {
  from: CompiledModule;
  level: OptimizeLevel;
  outcome: ModuleForRun;
}

export function useModuleThatRuns(wanted: boolean): ModuleThatRuns {
  const playground = usePlayground();
  const module = usePlaygroundState((s) => s.compiled);
  const level = usePlaygroundState(levelThatRuns);
  const [made, setMade] = useState<Made | null>(null);

  useEffect(() => {
    if (!wanted || !module || level === "none") return;
    let live = true;
    void playground.moduleForRun(module, level).then((outcome) => {
      if (live) setMade({ from: module, level, outcome });
    });
    return () => {
      live = false;
    };
  }, [wanted, module, level, playground]);

  if (!wanted || !module) return { status: "idle" };
  if (level === "none") return { status: "ready", bytes: module.bytes, level };
  if (made?.from !== module || made.level !== level) return { status: "working", level };
  return made.outcome.ok
    ? { status: "ready", bytes: made.outcome.bytes, level }
    : { status: "error", level, message: made.outcome.message };
}
