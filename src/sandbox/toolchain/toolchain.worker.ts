// The toolchain worker: long-lived and shared, it holds the compilers and the instrumentation
// passes so the main thread never loads them. Its client (runtime/toolchain-host.ts) bounds every
// call and replaces this worker when a call runs away or throws (a compiler abort).
import { inspect } from "../inspect/inspect";
import { instrument } from "../instrument";
import { exposeOnConnect } from "../runtime/worker-endpoint";
import type { ToolchainApi } from "./api";
import { compileAssemblyScript } from "./compile-assemblyscript";
import { compileWat } from "./compile-wat";
import { disassemble } from "./disassemble";
import { cachedInstrument, InstrumentCache } from "./instrument-cache";

const cache = new InstrumentCache();

const api: ToolchainApi = {
  compileWat,
  compileAssemblyScript,
  disassemble: (bytes) => disassemble(bytes),
  inspect: async (bytes) => inspect(bytes),
  // The result is cloned back (not transferred): the cache keeps its own copy.
  instrument: (bytes, limits) => cachedInstrument(cache, instrument, bytes, limits),
};

exposeOnConnect(api);
