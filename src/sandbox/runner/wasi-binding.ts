// WASI preview 1 as a host binding: glue between the runner's seam and runner/wasi/.
import type { HostBindingFactory } from "./host-bindings";
import { createWasiHost } from "./wasi";

export const wasiBinding: HostBindingFactory = (context, request) => {
  const wasi = createWasiHost({
    context,
    argv: request.argv,
    env: request.env,
    stdin: request.stdin,
    files: request.files,
  });
  return {
    module: wasi.module,
    // The runner's context.memory() already answers; binding the memory keeps the shim's view current.
    bindInstance: () => {
      const memory = context.memory();
      if (memory) wasi.bindInstance(memory);
    },
    exitCode: () => wasi.exitCode(),
    files: () => wasi.readFiles(),
  };
};
