// Which view the editor column shows: the source, the module's WAT, or the instrumented WAT.
import type { EditorView } from "./ModuleViews";

const VIEWS: { id: EditorView; label: string; title: string }[] = [
  { id: "source", label: "Source", title: "The source in the editor" },
  {
    id: "module",
    label: "WAT",
    title: "Disassembly of the module that runs (binaryen's output where optimize is on)",
  },
  {
    id: "instrumented",
    label: "Instrumented",
    title: "Disassembly of the module as the sandbox runs it, with the current limits",
  },
];

export function ViewSwitch({
  view,
  hasSource,
  onChange,
}: {
  view: EditorView;
  /** False for an opened binary: there is no source to show. */
  hasSource: boolean;
  onChange(view: EditorView): void;
}) {
  return (
    <div className="segmented segmented--small" role="radiogroup" aria-label="Editor view">
      {VIEWS.filter((v) => hasSource || v.id !== "source").map((v) => (
        <button
          key={v.id}
          type="button"
          role="radio"
          aria-checked={view === v.id}
          title={v.title}
          data-testid={`view-${v.id}`}
          onClick={() => onChange(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
