// The instrumentation thread on Node: only instrument() (with its cache), not the compilers of
// the browser's toolchain worker. Instrumenting a large module takes seconds; here it neither
// blocks the host's event loop nor escapes the toolchain host's time bound.
import { instrument } from "../instrument";
import { exposeOnNodeConnect } from "../runtime/node-endpoint";
import type { ToolchainApi } from "./api";
import { cachedInstrument, InstrumentCache } from "./instrument-cache";

const cache = new InstrumentCache();

const api: Pick<ToolchainApi, "instrument"> = {
  instrument: (bytes, limits) => cachedInstrument(cache, instrument, bytes, limits),
};

exposeOnNodeConnect(api);
