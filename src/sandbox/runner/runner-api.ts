// The runner's Comlink API, apart from the worker file so Node tests run the very same code.
import * as Comlink from "comlink";
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import type { HostBindingFactory } from "./host-bindings";
import type { RunReport, RunnerApi } from "./protocol";
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
      const done = { type: "done" as const, report };
      await onEvent(Comlink.transfer(done, reportTransferables(report)));
    },
  };
}

/**
 * The buffers of the report's files and profile, to be moved rather than copied: a copy of up to the whole
 * file-system budget (64 MiB by default) would be deserialised on the receiving (main) thread,
 * a task of hundreds of ms there. Only buffers a file owns whole, each once: moving a buffer
 * that something else also views would empty that view too.
 */
export function reportTransferables(report: Pick<RunReport, "files" | "profile">): ArrayBuffer[] {
  const seen = new Set<ArrayBufferLike>();
  const owned: ArrayBuffer[] = [];
  const shared = new Set<ArrayBufferLike>();
  for (const data of Object.values(report.files ?? {})) {
    const { buffer } = data;
    const whole = data.byteOffset === 0 && data.byteLength === buffer.byteLength;
    if (!whole || seen.has(buffer)) shared.add(buffer);
    seen.add(buffer);
    if (buffer instanceof ArrayBuffer) owned.push(buffer);
  }
  // The profile's columns are arrays of their own (a million call paths is tens of MB).
  const p = report.profile;
  const profile = p
    ? [p.func, p.parent, p.calls, p.self, p.total, ...Object.values(p.functions)]
    : [];
  return [
    ...owned.filter((buffer) => !shared.has(buffer)),
    ...new Set(profile.map((column) => column.buffer as ArrayBuffer)),
  ];
}
