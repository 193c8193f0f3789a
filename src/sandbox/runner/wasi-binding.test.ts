// The WASI binding through the runner core: the program name from the request, and the
// person's bad file input refused as invalid_config (not a crash of the runner).
import { describe, expect, it } from "vitest";
import { readFuel, readGrowRefused } from "../instrument/read-abi";
import { envBinding } from "./env-host";
import type { RunRequest } from "./protocol";
import { runGuest } from "./run-guest";
import { wasiBinding } from "./wasi-binding";
import { loadExample } from "./wasi/test-harness";
import { wat } from "./wasi/wat-helper";

function run(example: string | Uint8Array, request: Partial<RunRequest>) {
  return runGuest(
    typeof example === "string" ? loadExample(example) : example,
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

  it("a file with several names comes back once, its other names in fileLinks", async () => {
    const linker = await wat(`(module
      (import "wasi_snapshot_preview1" "path_link"
        (func $link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 0) "in.txtl1l2")
      (func (export "_start")
        (drop (call $link (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 6)
          (i32.const 3) (i32.const 6) (i32.const 2)))
        (drop (call $link (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 6)
          (i32.const 3) (i32.const 8) (i32.const 2)))))`);
    const r = await run(linker, { files: [{ path: "/in.txt", data: "hello" }] });
    expect(r.success).toBe(true);
    expect(Object.keys(r.files ?? {})).toEqual(["/in.txt"]);
    expect(r.fileLinks).toEqual({ "/l1": "/in.txt", "/l2": "/in.txt" });
    const plain = await run("hello", {});
    expect(plain.fileLinks).toBeUndefined();
  });
});
