// Outcome at a glance: colour and words, then the message.
import { KIND_WORDS } from "../controller/describe";
import type { ExecutionResult } from "../../sandbox/types";
import { inPageWords } from "../limits/limit-names";

export function Outcome({
  result,
  running,
  stopped,
  entry,
}: {
  result: ExecutionResult | null;
  running: boolean;
  /** The person pressed Stop (the engine reports it as a timeout). */
  stopped?: boolean;
  /** The export that ran ("_start": a WASI command). */
  entry?: string;
}) {
  if (!result) {
    return (
      <div className="outcome outcome--none" data-testid="outcome" data-kind="none">
        <span className="outcome__badge">{running ? "Running…" : "Not run yet"}</span>
        <p className="outcome__message muted">
          {running
            ? "Compiling, instrumenting and running in a disposable sandbox worker…"
            : "Press Run to execute the selected export in a sandbox."}
        </p>
      </div>
    );
  }
  const kind = result.success ? "success" : (result.errorKind ?? "crash");
  const message = result.error === undefined ? undefined : inPageWords(result.error);
  const words = result.success
    ? "Success"
    : stopped
      ? "Stopped by you"
      : result.errorKind === "exit" && result.exitCode !== undefined
        ? `Exited with code ${result.exitCode}`
        : KIND_WORDS[result.errorKind ?? "crash"];
  return (
    <div className={`outcome outcome--${kind}`} data-testid="outcome" data-kind={kind}>
      <span className="outcome__badge">
        <span aria-hidden="true">{result.success ? "✔" : "✘"}</span> {words}
        {!result.success && <code className="outcome__kind">{kind}</code>}
      </span>
      <p className="outcome__message" data-testid="outcome-message" title={message}>
        {result.success
          ? result.exitCode !== undefined
            ? `Exited with code ${result.exitCode}.`
            : entry === "_start" && result.value === undefined
              ? "The program finished (exit code 0)."
              : "The entry returned."
          : message}
      </p>
    </div>
  );
}
