// Creates a text file for the program, or edits one: a path and its contents.
export interface FileDraft {
  path: string;
  text: string;
}

export function FileForm({
  draft,
  exists,
  onChange,
  onSave,
  onCancel,
}: {
  draft: FileDraft;
  /** A file is already at this path: saving replaces it. */
  exists: boolean;
  onChange: (draft: FileDraft) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      className="file-form"
      data-testid="file-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <label className="field">
        <span className="field__label">Path</span>
        <input
          className="mono"
          data-testid="file-path"
          placeholder="/input.txt"
          autoFocus
          value={draft.path}
          onChange={(e) => onChange({ ...draft, path: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field__label">Contents (text)</span>
        <textarea
          data-testid="file-content"
          rows={4}
          value={draft.text}
          onChange={(e) => onChange({ ...draft, text: e.target.value })}
        />
      </label>
      <div className="file-form__row">
        <button type="button" className="button button--small" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button--small"
          data-testid="file-save"
          disabled={draft.path.trim() === ""}
        >
          {exists ? "Save (replace)" : "Add file"}
        </button>
      </div>
    </form>
  );
}
