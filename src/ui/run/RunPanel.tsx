// What to run and the Run/Stop controls, with the phase of the work under way.
import { lazy, Suspense } from "react";
import { functionExports } from "../controller/compile";
import { usePlayground, usePlaygroundState } from "../state/context";
import type { Phase } from "../state/types";
import { ArgFields } from "./ArgFields";
import { GuestInput } from "./GuestInput";
import { formatSignature } from "./signature";
import { firstRows } from "../common/bounded";
import { isRuby } from "../controller/ruby";
import { groupDigits } from "../../sandbox/digits";
import { OptimizeSelect } from "./OptimizeSelect";

// Shown only for a link, file or draft that sets limits: loaded when one does.
const LimitReviewPanel = lazy(() =>
  import("../limits/LimitReviewPanel").then((m) => ({ default: m.LimitReviewPanel })),
);

/** Options in the export picker; a module can export 100,000 functions. */
const MAX_ENTRY_OPTIONS = 1_000;

const PHASE_WORDS: Record<Phase, string> = {
  idle: "Ready",
  loading: "Loading compilers…",
  compiling: "Compiling…",
  instrumenting: "Instrumenting…",
  running: "Running…",
};

const isMac = typeof navigator !== "undefined" && /Mac|iP(hone|ad)/.test(navigator.platform);
export const RUN_SHORTCUT = isMac ? "⌘↵" : "Ctrl+↵";

export function RunPanel() {
  const playground = usePlayground();
  const info = usePlaygroundState((s) => s.compiled?.info ?? null);
  const entry = usePlaygroundState((s) => s.entry);
  const running = usePlaygroundState((s) => s.running);
  const phase = usePlaygroundState((s) => s.phase);
  const phaseDetail = usePlaygroundState((s) => s.phaseDetail);
  const ruby = usePlaygroundState(isRuby);
  const rubyRuntime = usePlaygroundState((s) => s.rubyRuntime?.name ?? null);
  const compare = usePlaygroundState((s) => s.compareUnmetered);
  const profiling = usePlaygroundState((s) => s.profileRuns);
  const compileError = usePlaygroundState((s) => s.compileError);
  const held = usePlaygroundState((s) => s.compileHeld && s.compiled === null && s.binary === null);
  const isSource = usePlaygroundState((s) => s.binary === null);
  const reviewing = usePlaygroundState((s) => s.limitReview !== null);
  const exports = functionExports(info);
  const selected = exports.find((e) => e.name === entry);
  const listed = firstRows(exports, MAX_ENTRY_OPTIONS);
  // The chosen export stays choosable even when it is past the cut.
  const options =
    selected && !listed.rows.includes(selected) ? [selected, ...listed.rows] : listed.rows;

  return (
    <section className="run-panel" aria-label="Run">
      <div className="run-panel__row">
        {ruby ? (
          <p className="field field--grow small" data-testid="ruby-runtime">
            <span className="field__label">Program</span>
            The script runs on {rubyRuntime ?? "CRuby 3.4 (fetched on the first run, 29.2 MiB)"},
            RubyGems off; program arguments become ARGV.
          </p>
        ) : (
          <label className="field field--grow">
            <span className="field__label">
              Export
              {compileError && exports.length > 0 && (
                <span className="warn-text" data-testid="stale-exports">
                  {" "}
                  · of the last build that compiled
                </span>
              )}
            </span>
            <select
              data-testid="entry"
              value={entry}
              onChange={(e) => playground.setEntry(e.target.value)}
              disabled={exports.length === 0}
            >
              {exports.length === 0 && (
                <option value="">
                  {compileError
                    ? "— fix the compile error —"
                    : held
                      ? "— press Compile to list exports —"
                      : "— compile to list exports —"}
                </option>
              )}
              {options.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name} {formatSignature(e.signature)}
                </option>
              ))}
              {listed.hidden > 0 && (
                <option value="" disabled>
                  … {groupDigits(listed.hidden)} more exports (not listed)
                </option>
              )}
            </select>
          </label>
        )}
        <div className="run-panel__buttons">
          {isSource && !ruby && (
            <button
              type="button"
              className="button"
              data-testid="compile"
              disabled={running || phase === "compiling" || phase === "loading"}
              onClick={() => void playground.compileNow()}
              title="Compile the source and list its exports (nothing runs)"
            >
              Compile
            </button>
          )}
          {running ? (
            <button
              type="button"
              className="button button--danger"
              data-testid="stop"
              onClick={() => playground.stop()}
            >
              ■ Stop
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary"
              data-testid="run"
              onClick={() => void playground.run()}
              title={`Run (${RUN_SHORTCUT})`}
            >
              ▶ Run <kbd>{RUN_SHORTCUT}</kbd>
            </button>
          )}
        </div>
      </div>
      {reviewing && (
        <Suspense fallback={null}>
          <LimitReviewPanel />
        </Suspense>
      )}
      {ruby ? null : selected ? (
        <ArgFields entry={selected.name} params={selected.signature.params} />
      ) : (
        <p className="run-panel__no-args muted small">
          Arguments appear here once the module has compiled.
        </p>
      )}
      <GuestInput />
      <div className="run-panel__row run-panel__row--meta">
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="compare-unmetered"
            checked={compare}
            onChange={(e) => playground.setCompareUnmetered(e.target.checked)}
          />
          Also run unmetered, to compare
        </label>
        <label className="checkbox" title="Record where the fuel goes, by function and call path">
          <input
            type="checkbox"
            data-testid="profile-runs"
            checked={profiling}
            onChange={(e) => playground.setProfileRuns(e.target.checked)}
          />
          Profile
        </label>
        {!ruby && <OptimizeSelect />}
        <span className={`phase phase--${phase}`} data-testid="phase" aria-live="polite">
          {phase !== "idle" && <span className="spinner" aria-hidden="true" />}
          {held && phase === "idle" ? (
            <span data-testid="compile-held">
              {ruby
                ? "Opened code: it runs when you press Run"
                : "Not compiled: opened code compiles when you press Compile or Run"}
            </span>
          ) : phase !== "idle" && phaseDetail ? (
            phaseDetail
          ) : (
            PHASE_WORDS[phase]
          )}
        </span>
      </div>
    </section>
  );
}
