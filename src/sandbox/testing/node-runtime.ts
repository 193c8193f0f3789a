// A SandboxRuntime for Node tests: the real instrument() and the real runner core, with the
// runner behind a FakeWorker in this thread (so no timeouts: a looping guest would block).
import { instrument } from "../instrument";
import { compileWat } from "../toolchain/compile-wat";
import { envBinding } from "../runner/env-host";
import type { HostBindingFactory } from "../runner/host-bindings";
import { createRunnerApi } from "../runner/runner-api";
import { FakeWorker } from "../runtime/fake-worker";
import { RunnerPool } from "../runtime/runner-pool";
import type { SandboxRuntime } from "../sandbox";

export function nodeRuntime(
  bindings: HostBindingFactory[] = [envBinding],
): SandboxRuntime & { spawned: number } {
  const runtime = {
    spawned: 0,
    instrument,
    compileWat,
    createRunnerPool: () =>
      new RunnerPool(() => {
        runtime.spawned++;
        const api = createRunnerApi(bindings);
        return new FakeWorker(api);
      }),
  };
  return runtime;
}
