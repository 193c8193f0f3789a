// The toolchain worker: long-lived and shared, it holds the compilers and the instrumentation
// passes so the main thread never loads them. Its client (runtime/toolchain-host.ts) bounds every
// call and replaces this worker when a call runs away or throws (a compiler abort, or the
// compilers' memory bound: memory-guard.ts).
import * as Comlink from "comlink";
import { inspect } from "../inspect/inspect";
import { instrument } from "../instrument";
import { exposeOnConnect } from "../runtime/worker-endpoint";
import type { ToolchainApi } from "./api";
import { compileAssemblyScript } from "./compile-assemblyscript";
import { compileWat } from "./compile-wat";
import { disassemble, DISASSEMBLY_DEFAULTS } from "./disassemble";
import { binaryenTextReply, orBinaryenText } from "./binaryen-text";
import { cachedInstrumentReply, InstrumentCache } from "./instrument-cache";
import { guardedCall, installMemoryGuard } from "./memory-guard";
import { optimizeModule } from "./optimize";
import { unshared } from "../shared-bytes";

const cache = new InstrumentCache();
const guard = installMemoryGuard();

// Modules may arrive as views on shared memory (the page's CRuby): each call works on its own copy.
const api: ToolchainApi = {
  compileWat: (source) => guardedCall(guard, "the WAT compiler", () => compileWat(source)),
  compileAssemblyScript: (source) =>
    guardedCall(guard, "the AssemblyScript compiler", () => compileAssemblyScript(source)),
  disassemble: (bytes) =>
    guardedCall(guard, "the disassembler", async () => {
      const own = unshared(bytes);
      return orBinaryenText(await disassemble(own), own, DISASSEMBLY_DEFAULTS.maxLines);
    }),
  binaryenText: (bytes) =>
    guardedCall(guard, "binaryen", async () => {
      const reply = await binaryenTextReply(unshared(bytes));
      return reply.ok ? Comlink.transfer(reply, [reply.utf8.buffer]) : reply;
    }),
  inspect: async (bytes) => inspect(unshared(bytes)),
  instrument: async (bytes, limits) => {
    const reply = await cachedInstrumentReply(cache, instrument, unshared(bytes), limits);
    return Comlink.transfer(reply.outcome, reply.transfer);
  },
  optimize: (bytes, level) =>
    guardedCall(guard, "binaryen", () => optimizeModule(unshared(bytes), level)),
};

exposeOnConnect(api);
