// The toolchain worker: long-lived and shared, it holds the compilers and the instrumentation
// passes so the main thread never loads them. Its client (runtime/toolchain-host.ts) bounds every
// call and replaces this worker when a call runs away or throws (a compiler abort, or the
// compilers' memory bound: memory-guard.ts).
import { inspect } from "../inspect/inspect";
import { instrument } from "../instrument";
import { exposeOnConnect } from "../runtime/worker-endpoint";
import type { ToolchainApi } from "./api";
import { compileAssemblyScript } from "./compile-assemblyscript";
import { compileWat } from "./compile-wat";
import { disassemble } from "./disassemble";
import { cachedInstrument, InstrumentCache } from "./instrument-cache";
import { guardedCall, installMemoryGuard } from "./memory-guard";

const cache = new InstrumentCache();
const guard = installMemoryGuard();

const api: ToolchainApi = {
  compileWat: (source) => guardedCall(guard, "the WAT compiler", () => compileWat(source)),
  compileAssemblyScript: (source) =>
    guardedCall(guard, "the AssemblyScript compiler", () => compileAssemblyScript(source)),
  disassemble: (bytes) => guardedCall(guard, "the disassembler", () => disassemble(bytes)),
  inspect: async (bytes) => inspect(bytes),
  // The result is cloned back (not transferred): the cache keeps its own copy.
  instrument: (bytes, limits) => cachedInstrument(cache, instrument, bytes, limits),
};

exposeOnConnect(api);
