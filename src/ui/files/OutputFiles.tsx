// Files the last run created or changed, each viewable and downloadable.
import { useState } from "react";
import { baseName, outputFiles } from "../controller/guest-files";
import { formatBytes } from "../dashboard/format";
import { firstRows, MoreRows } from "../common/bounded";
import { KIND_WORDS } from "../controller/describe";
import type { ExecutionResult } from "../../sandbox/types";
import { usePlaygroundState } from "../state/context";
import { DownloadLink } from "./DownloadLink";
import { FileViewer } from "./FileViewer";

function describeKind(r: ExecutionResult): string {
  if (r.errorKind === "exit" && r.exitCode !== undefined) return `exited with code ${r.exitCode}`;
  return KIND_WORDS[r.errorKind ?? "crash"].toLowerCase();
}

export function OutputFiles() {
  const record = usePlaygroundState((s) => s.result);
  const [viewing, setViewing] = useState<string | null>(null);
  const files = record ? outputFiles(record.inputFiles ?? [], record.result.files) : [];
  const shown = files.find((f) => f.path === viewing) ?? files[0] ?? null;
  return (
    <section className="files-section" aria-labelledby="files-output-title">
      <h3 className="subhead" id="files-output-title">
        Written by the last run
        {record && (
          <span className="muted small" data-testid="output-files-run">
            {" "}
            (#{record.id}: {record.result.success ? "finished" : describeKind(record.result)})
          </span>
        )}
      </h3>
      {files.length === 0 ? (
        <p className="muted small" data-testid="output-files-empty">
          {record
            ? "The last run created or changed no files."
            : "After a run, files the program created or changed appear here."}
        </p>
      ) : (
        <>
          <ul className="file-list" data-testid="output-files">
            {firstRows(files).rows.map((f) => (
              <li
                key={f.path}
                className={`file-row${f === shown ? " file-row--selected" : ""}`}
                data-testid={`output-file-${f.path}`}
              >
                <button
                  type="button"
                  className="file-row__name link-button mono"
                  aria-pressed={f === shown}
                  onClick={() => setViewing(f.path)}
                >
                  {f.path}
                </button>
                <span className={`badge badge--${f.status}`}>{f.status}</span>
                <span className="file-row__size small muted">{formatBytes(f.bytes.length)}</span>
                <span className="file-row__actions">
                  <DownloadLink
                    bytes={f.bytes}
                    fileName={baseName(f.path)}
                    testId={`download-${f.path}`}
                  />
                </span>
              </li>
            ))}
            <MoreRows hidden={firstRows(files).hidden} what="files" />
          </ul>
          {shown && <FileViewer path={shown.path} bytes={shown.bytes} />}
        </>
      )}
    </section>
  );
}
