// The runner's Comlink API, apart from the worker file so Node tests run the very same code.
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import type { HostBindingFactory } from "./host-bindings";
import type { RunnerApi } from "./protocol";
import { runGuest } from "./run-guest";

export function createRunnerApi(hostBindings: readonly HostBindingFactory[]): RunnerApi {
  return {
    ping: async () => "ready",
    run: async (bytes, request, onEvent) => {
      // A Comlink callback posts at once, so output streams even while the guest still runs.
      const report = await runGuest(bytes, request, {
        onEvent: (event) => void onEvent(event),
        readFuel,
        readGrowRefused,
        hostBindings,
      });
      // Awaited: a report that cannot be cloned fails this call (a crash), not silently.
      await onEvent({ type: "done", report });
    },
  };
}
