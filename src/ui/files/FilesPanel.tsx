// The guest's in-memory file system (preopened at "/"): files the person gives the program —
// dropped on this panel, picked, or written here — and the files the last run wrote.
import { useRef, useState, type DragEvent } from "react";
import { normalizePath, sizeOf } from "../controller/guest-files";
import { formatBytes } from "../dashboard/format";
import { firstRows, MoreRows } from "../common/bounded";
import { usePlayground, usePlaygroundState } from "../state/context";
import { FileForm, type FileDraft } from "./FileForm";
import { OutputFiles } from "./OutputFiles";

const EMPTY_DRAFT: FileDraft = { path: "", text: "" };

export function FilesPanel() {
  const playground = usePlayground();
  const files = usePlaygroundState((s) => s.io.files);
  /** The file being created or edited; null: the form is folded away. */
  const [draft, setDraft] = useState<FileDraft | null>(null);
  const [over, setOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const normalized = draft ? normalizePath(draft.path) : null;
  const exists = normalized?.ok === true && files.some((f) => f.path === normalized.path);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void playground.addDroppedFiles([...e.dataTransfer.files]);
  };
  return (
    <div
      className={`files${over ? " files--over" : ""}`}
      data-testid="files-panel"
      data-file-drop="guest"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
    >
      <section className="files-section" aria-labelledby="files-input-title">
        <h3 className="subhead" id="files-input-title">
          Files for the program <span className="muted small">(WASI, preopened at /)</span>
        </h3>
        <div className="files__drop small" data-testid="files-drop">
          {over ? "Drop to add the files" : "Drop files here, or "}
          {!over && (
            <button type="button" className="link-button" onClick={() => picker.current?.click()}>
              choose files…
            </button>
          )}
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            data-testid="files-input"
            onChange={(e) => {
              void playground.addDroppedFiles([...(e.target.files ?? [])]);
              e.target.value = "";
            }}
          />
        </div>
        {files.length === 0 ? (
          <p className="muted small" data-testid="input-files-empty">
            No files yet: the program sees an empty directory.
          </p>
        ) : (
          <ul className="file-list" data-testid="input-files">
            {firstRows(files).rows.map((f) => (
              <li key={f.path} className="file-row" data-testid={`input-file-${f.path}`}>
                <span className="file-row__name mono">{f.path}</span>
                <span className="badge badge--kind">{"text" in f ? "text" : "binary"}</span>
                <span className="file-row__size small muted">{formatBytes(sizeOf(f))}</span>
                <span className="file-row__actions">
                  {"text" in f && (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Edit ${f.path}`}
                      onClick={() => setDraft({ path: f.path, text: f.text })}
                    >
                      Edit
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Delete ${f.path}`}
                    data-testid={`delete-${f.path}`}
                    onClick={() => playground.removeFile(f.path)}
                  >
                    Delete
                  </button>
                </span>
              </li>
            ))}
            <MoreRows hidden={firstRows(files).hidden} what="files" />
          </ul>
        )}
        {draft ? (
          <FileForm
            draft={draft}
            exists={exists}
            onChange={setDraft}
            onCancel={() => setDraft(null)}
            onSave={() => {
              if (playground.putFile(draft.path, draft.text)) setDraft(null);
            }}
          />
        ) : (
          <button
            type="button"
            className="button button--small files__new"
            data-testid="file-new"
            onClick={() => setDraft(EMPTY_DRAFT)}
          >
            + New text file
          </button>
        )}
      </section>
      <OutputFiles />
    </div>
  );
}
