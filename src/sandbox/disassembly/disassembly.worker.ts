// The disassembly worker: one per page, separate from the toolchain worker so that a long
// disassembly (15 s for CRuby's 30 MB module) never holds up a compile, and so the text it keeps
// (hundreds of MB) lives outside the page's main thread.
import { exposeOnConnect } from "../runtime/worker-endpoint";
import type { DisassemblyApi } from "./api";
import { DocumentShelf } from "./shelf";

exposeOnConnect(new DocumentShelf() satisfies DisassemblyApi);
