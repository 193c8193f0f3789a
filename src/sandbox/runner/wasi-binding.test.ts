// The WASI binding through the runner core: the program name from the request, and the
// person's bad file input refused as invalid_config (not a crash of the runner).
import { describe, expect, it } from "vitest";
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import { envBinding } from "./env-host";
import type { RunRequest } from "./protocol";
import { runGuest } from "./run-guest";
import { wasiBinding } from "./wasi-binding";
import { loadExample } from "./wasi/test-harness";

function run(example: string, request: Partial<RunRequest>) {
  return runGuest(
    loadExample(example),
    {
      runId: 1,
      allowedImports: ["wasi_snapshot_preview1.*"],
      memoryLimitBytes: 16 * 1024 * 1024,
      maxOutputBytes: 4096,
      metered: false,
      deterministic: true,
      ...request,
    },
    { onEvent: () => {}, readFuel, readGrowRefused, hostBindings: [envBinding, wasiBinding] },
  );
}

describe("wasiBinding", () => {
  it("argv[0] is the request's programName, else main.wasm", async () => {
    const named = await run("args-env", { programName: "args-env.wasm", argv: ["x"] });
    expect(named.output).toContain("argv[0]=args-env.wasm\nargv[1]=x\n");
    const unnamed = await run("args-env", {});
    expect(unnamed.output).toContain("argv[0]=main.wasm\n");
  });

  it("a file path the file system refuses is invalid_config, naming the path", async () => {
    const r = await run("hello", { files: [{ path: "../escape.txt", data: "x" }] });
    expect(r).toMatchObject({ success: false, errorKind: "invalid_config", output: "" });
    expect(r.error).toContain('file path "../escape.txt" is not allowed');
  });
});
