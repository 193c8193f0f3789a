// One run: compile if needed, check the arguments, execute (metered, and unmetered when asked),
// stream the output, record the result. Every run has an id; a superseded run's result is dropped.
import * as engine from "../engine/engine";
import type { ExecutionResult, WasmValue } from "../../sandbox/types";
import type { GuestIo, PanelTab, RunRecord } from "../state/types";
import { parseArgs } from "./args";
import { ensureCompiled, functionExports, sourceKey } from "./compile";
import { isRuby, rubyPhaseDetail, rubyRunOptions } from "./ruby";
import { log, type PlaygroundStore } from "./context";
import type { Page } from "./page";
import { runSettings } from "./settings";
import { levelThatRuns, moduleForRun } from "./optimize";
import { describeResult, formatCall } from "./describe";
import { failedResult } from "../../sandbox/failed-result";

export interface RunRequest {
  entry?: string;
  /** Argument values, or their text as typed into the fields. */
  args?: (string | number | bigint)[];
  /** Also run without instrumentation and compare. */
  compareUnmetered?: boolean;
  /** With binaryen on, also run the module as built and compare. */
  compareOptimize?: boolean;
}

const HISTORY_LIMIT = 50;

function guestIo(io: GuestIo): Pick<engine.RunOptions, "stdin" | "argv" | "env" | "files"> {
  // A row still being typed (no name yet) is not a variable; a name with "=" cannot be one.
  const env = io.env.filter(([name]) => name !== "" && !name.includes("="));
  return {
    ...(io.stdin !== "" ? { stdin: io.stdin } : {}),
    ...(io.argv.length > 0 ? { argv: io.argv } : {}),
    ...(env.length > 0 ? { env: Object.fromEntries(env) } : {}),
    ...(io.files.length > 0
      ? { files: io.files.map((f) => ({ path: f.path, data: "text" in f ? f.text : f.bytes })) }
      : {}),
  };
}

export function stop({ store, runAbort }: Page): void {
  if (!store.get().running) return;
  runAbort?.abort();
  log(store, "info", "■ Stop requested: terminating the sandbox worker.");
}

function finish(store: PlaygroundStore, runId: number, record: RunRecord): ExecutionResult {
  if (store.get().runId !== runId) return record.result;
  store.set((s) => ({
    result: record,
    history: [...s.history, record].slice(-HISTORY_LIMIT),
    running: false,
    phase: "idle",
    phaseDetail: null,
    tab: tabAfterRun(s.tab, record),
  }));
  log(store, record.result.success ? "info" : "error", describeResult(record));
  return record.result;
}

/** The result shows itself (a profiled run's profile), unless the person is watching the history or the files. */
export function tabAfterRun(tab: PanelTab, record: RunRecord): PanelTab {
  if (tab === "history" || tab === "files") return tab;
  return record.result.profileColumns ? "profile" : "result";
}

export async function run(page: Page, request: RunRequest = {}): Promise<ExecutionResult> {
  const { store } = page;
  if (store.get().running) stop(page);
  const runId = store.get().runId + 1;
  const abort = new AbortController();
  page.runAbort = abort;
  store.set({ runId, running: true, phase: "compiling" });
  const label = store.get().binary?.name ?? store.get().exampleId ?? store.get().language;
  let moduleKey = "";
  let sourceCompileMs: number | undefined;
  const record = (entry: string, args: string[], result: ExecutionResult): RunRecord => ({
    id: runId,
    moduleKey,
    ...(sourceCompileMs !== undefined ? { sourceCompileMs } : {}),
    label,
    entry,
    args,
    result,
    at: Date.now(),
  });

  let compiled = await ensureCompiled(page);
  if (!compiled.ok && compiled.stale) compiled = await ensureCompiled(page);
  if (!compiled.ok) {
    return finish(store, runId, record("", [], failedResult("compile_error", compiled.message)));
  }
  const s = store.get();
  const ruby = isRuby(s);
  // A Ruby program is its script: CRuby is the same module for every one.
  moduleKey = ruby ? sourceKey(s) : compiled.module.key;
  if (!s.binary && !ruby) sourceCompileMs = compiled.module.compileMs;
  const entry = ruby ? "" : (request.entry ?? s.entry);
  const target = functionExports(compiled.module.info).find((e) => e.name === entry);
  const params = target?.signature.params ?? [];
  const rawArgs = (request.args ?? s.args.get(entry) ?? []).map(String);
  const parsed = parseArgs(params, rawArgs);
  if (!parsed.ok) {
    const why = parsed.errors
      .map((e, i) => (e ? `argument ${i + 1} (${params[i]}): ${e}` : null))
      .filter(Boolean)
      .join("; ");
    return finish(store, runId, record(entry, rawArgs, failedResult("invalid_config", why)));
  }
  // binaryen's optimizer, where chosen, before instrumentation (CRuby is run as shipped).
  const built = await moduleForRun(page, compiled.module, levelThatRuns(s));
  if (!built.ok) {
    return finish(
      store,
      runId,
      record(entry, rawArgs, failedResult("compile_error", built.message)),
    );
  }
  if (request.entry !== undefined || request.args !== undefined) {
    store.set((st) => ({ entry, args: new Map(st.args).set(entry, rawArgs) }));
  }
  log(store, "info", `▶ Run #${runId}: ${ruby ? "Ruby script" : formatCall(entry, rawArgs)}`);
  const settings = runSettings(store.get());
  // Only the run the dashboard reports is profiled; the comparison runs are not.
  const options = (unmetered: boolean, profile = !unmetered): engine.RunOptions => ({
    entry: entry || undefined,
    args: parsed.values as WasmValue[],
    unmetered,
    // The page takes the profile as typed arrays summed in the runner: nothing to build here.
    ...(s.profileRuns && profile ? { profile: "columns" as const } : {}),
    ...guestIo(s.io),
    ...(s.binary ? { programName: s.binary.name } : {}),
    ...(ruby ? rubyRunOptions(s) : {}),
    signal: abort.signal,
    // The whole output stays in Blobs made by the runner; this thread gets only a head and the
    // streamed pieces, which the console keeps a bounded tail of.
    outputBlobs: true,
    onPhase: (phase) =>
      store.get().runId === runId &&
      store.set({
        phase,
        phaseDetail: ruby ? rubyPhaseDetail(phase, compiled.module.bytes.length) : null,
      }),
    onOutput: (stream, text) => store.get().runId === runId && log(store, stream, text),
  });
  const metered = await engine.execute(built.bytes, settings, options(false), page.sandbox);
  const compare = request.compareUnmetered ?? s.compareUnmetered;
  let unmetered: ExecutionResult | undefined;
  if (compare && !abort.signal.aborted && store.get().runId === runId) {
    log(store, "info", "▶ Same run without metering (for comparison)");
    unmetered = await engine.execute(built.bytes, settings, options(true), page.sandbox);
  }
  // The module as built, beside binaryen's output: size, fuel and time without it.
  let withoutOptimize: ExecutionResult | undefined;
  const compareBuilt = built.optimized && (request.compareOptimize ?? s.compareOptimize);
  if (compareBuilt && !abort.signal.aborted && store.get().runId === runId) {
    log(store, "info", "▶ Same run without binaryen (for comparison)");
    withoutOptimize = await engine.execute(
      compiled.module.bytes,
      settings,
      options(false, false),
      page.sandbox,
    );
  }
  const done = {
    ...record(entry, rawArgs, metered),
    ...(withoutOptimize ? { withoutOptimize } : {}),
    ...(s.io.files.length > 0 ? { inputFiles: s.io.files } : {}),
    ...("optimized" in built && built.optimized ? { optimized: built.optimized } : {}),
    ...(abort.signal.aborted ? { stopped: true } : {}),
  };
  return finish(store, runId, unmetered ? { ...done, unmetered } : done);
}
