// WASI preview 1 as a host binding: glue between the runner's seam and runner/wasi/.
import { SandboxConfigError } from "../config";
import type { HostBindingFactory } from "./host-bindings";
import { createWasiHost, type WasiHost } from "./wasi";

export const wasiBinding: HostBindingFactory = (context, request) => {
  let wasi: WasiHost;
  try {
    wasi = createWasiHost({
      context,
      programName: request.programName,
      argv: request.argv,
      env: request.env,
      stdin: request.stdin,
      files: request.files,
    });
  } catch (thrown) {
    // A file the person gave cannot be placed (bad path, over the size cap): their input, not a crash.
    if (thrown instanceof SandboxConfigError) return { refused: thrown.message };
    throw thrown;
  }
  return {
    module: wasi.module,
    // The runner's context.memory() already answers; binding the memory keeps the shim's view current.
    bindInstance: () => {
      const memory = context.memory();
      if (memory) wasi.bindInstance(memory);
    },
    exitCode: () => wasi.exitCode(),
    files: () => wasi.readFiles(),
    fileLinks: () => wasi.readFileLinks(),
  };
};
