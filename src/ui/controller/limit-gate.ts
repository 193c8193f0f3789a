// The first run after a link, a playground file or a draft opened from one set the limits: when
// anything is above the page's defaults (limits/limit-review.ts decides), Run asks once, and the
// run waits for the person's answer: run with the link's limits, or bring them to the defaults.
import type { ExecutionResult } from "../../sandbox/types";
import { needsConfirmation, withinDefaults } from "../limits/limit-review";
import type { LimitReview } from "../state/types";
import type { PlaygroundStore } from "./context";
import type { RunRequest } from "./run";

export type LimitChoice = "asked" | "defaults";

export function createLimitGate(
  store: PlaygroundStore,
  runNow: (request?: RunRequest) => Promise<ExecutionResult>,
) {
  /** Runs asked for while the question is open; the last one's request runs. */
  let waiting: { request?: RunRequest; resolve(result: Promise<ExecutionResult>): void }[] = [];

  return {
    run(request?: RunRequest): Promise<ExecutionResult> {
      const s = store.get();
      if (!s.limitReview || !needsConfirmation(s)) {
        if (s.limitReview) store.set({ limitReview: null });
        return runNow(request);
      }
      const review = s.limitReview;
      if (!review.asking) store.set({ limitReview: { ...review, asking: true } });
      return new Promise<ExecutionResult>((resolve) => waiting.push({ request, resolve }));
    },
    /** The person's answer; with no run waiting, it only settles the limits. */
    decide(choice: LimitChoice): void {
      store.set((s) => ({
        ...(choice === "defaults" ? withinDefaults(s) : {}),
        limitReview: null,
      }));
      const asked = waiting;
      waiting = [];
      const last = asked[asked.length - 1];
      if (!last) return;
      const result = runNow(last.request);
      for (const w of asked) w.resolve(result);
    },
    /** Code from outside set the limits (or the person's own draft came back: null). */
    review(from: LimitReview["from"] | null): void {
      store.set({ limitReview: from ? { from, asking: false } : null });
    },
  };
}
