#!/usr/bin/env node
// The wasm-sandbox executable (the package's bin): the CLI on this process's streams.
import { buffer } from "node:stream/consumers";
import { runCli } from "./main";

const status = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => new Uint8Array(await buffer(process.stdin)),
}).catch((error: unknown) => {
  process.stderr.write(
    `wasm-sandbox: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  return 70;
});
process.exitCode = status;
