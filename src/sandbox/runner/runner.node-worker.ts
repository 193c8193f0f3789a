// The runner in a worker_threads thread: the same runner core as the browser's runner worker.
import { exposeOnNodeConnect } from "../runtime/node-endpoint";
import "../runtime/owned-callback"; // the events callback arrives through it
import { envBinding } from "./env-host";
import { createRunnerApi } from "./runner-api";
import { wasiBinding } from "./wasi-binding";

exposeOnNodeConnect(createRunnerApi([envBinding, wasiBinding]));
