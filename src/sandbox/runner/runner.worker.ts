// The runner worker: small and disposable. It runs one guest at a time; the main thread
// terminates it on timeout or Stop and spawns a fresh one (runtime/runner-pool.ts).
import { exposeOnConnect } from "../runtime/worker-endpoint";
import "../runtime/owned-callback"; // the events callback arrives through it
import { envBinding } from "./env-host";
import { createRunnerApi } from "./runner-api";
import { wasiBinding } from "./wasi-binding";

exposeOnConnect(createRunnerApi([envBinding, wasiBinding]));
