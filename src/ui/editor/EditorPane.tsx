// The editor column's top: which file is shown, and the editor itself or a view of the module
// that was built (its WAT, or the instrumented module's).
import { lazy, Suspense, useCallback, useState } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import { CodeEditor } from "./CodeEditor";
import { MENU_EXAMPLES } from "../controller/examples";
import type { EditorView } from "../module/ModuleViews";
import { ViewSwitch } from "../module/ViewSwitch";
import { isClangLanguage, LANGUAGE_FILE_NAMES, LANGUAGE_NAMES } from "../state/languages";
import { useProfileHeat } from "../profile/useProfileHeat";

const clangUi = () => import("./clang-ui");
const ClangOptionsBar = lazy(() => clangUi().then((m) => ({ default: m.ClangOptionsBar })));
const ClangProgress = lazy(() => clangUi().then((m) => ({ default: m.ClangProgress })));
// The module's WAT and instrumented views load when first shown (an opened binary shows them).
const ModuleViews = lazy(() =>
  import("../module/ModuleViews").then((m) => ({ default: m.ModuleViews })),
);

/**
 * Holds a lazily loaded bar's place while its code loads: the same class and an invisible
 * control of the same kind (an input, a progress bar), so the bar has the same height and the
 * editor below it does not move when the bar arrives.
 */
function BarPlaceholder({ kind }: { kind: "options" | "progress" }) {
  return kind === "options" ? (
    <div className="clang-options bar-placeholder" aria-hidden="true">
      <select disabled />
      <input type="text" disabled />
    </div>
  ) : (
    <div className="clang-progress bar-placeholder" aria-hidden="true">
      <progress />
      <span>&nbsp;</span>
    </div>
  );
}

export function EditorPane({ dark }: { dark: boolean }) {
  const playground = usePlayground();
  const language = usePlaygroundState((s) => s.language);
  const source = usePlaygroundState((s) => s.sources[s.language]);
  const binary = usePlaygroundState((s) => s.binary);
  const diagnostics = usePlaygroundState((s) => s.diagnostics);
  const clangProgress = usePlaygroundState((s) => s.clangProgress !== null);
  const exampleId = usePlaygroundState((s) => s.exampleId);
  const example = exampleId ? MENU_EXAMPLES.find((e) => e.id === exampleId) : undefined;
  const sourceUrl = binary && example?.language === "wasm" ? example.sourceUrl : null;
  const onChange = useCallback((text: string) => playground.setSource(text), [playground]);
  const onRun = useCallback(() => void playground.run(), [playground]);
  const reveal = usePlaygroundState((s) => s.reveal);
  const heat = useProfileHeat();
  // The view the person chose, and the reveal request it was chosen after: a newer request (a
  // profiled function to show) brings the source view forward.
  const [chosen, setChosen] = useState<{ view: EditorView; nonce: number }>({
    view: "source",
    nonce: 0,
  });
  const chosenView = reveal && reveal.nonce !== chosen.nonce ? "source" : chosen.view;
  const setView = (next: EditorView) => setChosen({ view: next, nonce: reveal?.nonce ?? 0 });
  // An opened binary has no source: its WAT is what there is to see.
  const view = binary && chosenView === "source" ? "module" : chosenView;

  const fileName = binary ? binary.name : LANGUAGE_FILE_NAMES[language];
  return (
    <section className="editor-pane" aria-label="Editor">
      <div className="editor-pane__bar">
        <span className="editor-pane__file" data-testid="file-name">
          {fileName}
          {binary && <span className="badge">read-only</span>}
        </span>
        <span className="editor-pane__actions">
          {view === "source" && (
            <span
              className="small muted"
              data-testid="tab-key-hint"
              title="Monaco's Ctrl+M (Ctrl+Shift+M on macOS) toggles whether Tab indents or moves focus"
            >
              Tab indents · Ctrl+M: Tab moves focus
            </span>
          )}
          <ViewSwitch view={view} hasSource={!binary} onChange={setView} />
          {sourceUrl && (
            <a className="link-button" href={sourceUrl} target="_blank" rel="noreferrer">
              Built from {sourceUrl.split("/").pop()}
            </a>
          )}
          {binary && (
            <button type="button" className="link-button" onClick={() => playground.closeBinary()}>
              Back to source
            </button>
          )}
        </span>
      </div>
      {!binary && isClangLanguage(language) && (
        <Suspense fallback={<BarPlaceholder kind="options" />}>
          <ClangOptionsBar />
        </Suspense>
      )}
      {clangProgress && (
        <Suspense fallback={<BarPlaceholder kind="progress" />}>
          <ClangProgress />
        </Suspense>
      )}
      {view !== "source" ? (
        // Until the views arrive, their empty frame holds the editor's place.
        <Suspense fallback={<div className="module-views" aria-busy="true" />}>
          <ModuleViews kind={view} onShowSource={() => setView("source")} />
        </Suspense>
      ) : (
        <CodeEditor
          modelId={`source/${language}`}
          languageId={language}
          value={source}
          readOnly={false}
          dark={dark}
          diagnostics={diagnostics}
          onChange={onChange}
          onRun={onRun}
          heat={heat}
          reveal={reveal}
          ariaLabel={`${LANGUAGE_NAMES[language]} source`}
        />
      )}
    </section>
  );
}
