import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createPlayground } from "./ui/controller/playground";
import { createEmbeddingApi } from "./ui/controller/embedding-api";
import { PlaygroundProvider } from "./ui/state/context";
import { App } from "./ui/layout/App";
import { warmUp } from "./ui/engine/engine";
import { loadMonaco } from "./ui/editor/useMonaco";
import { createShareController } from "./ui/share/share-controller";
import { ShareControls } from "./ui/share/ShareControls";
import { createDraftClient } from "./ui/drafts/draft-client";
import { createDraftController } from "./ui/drafts/draft-controller";
import { downloadBytes } from "./ui/drafts/download";
import { guardedStorage } from "./ui/drafts/tab-memory";
import { ErrorBoundary } from "./ui/recovery/ErrorBoundary";
import { createRecovery } from "./ui/recovery/recovery";
import "./ui/styles/index.css";

const playground = createPlayground();
const drafts = createDraftController(playground, {
  drafts: createDraftClient(),
  // Either may be refused (a sandboxed frame, strict privacy settings): the page works without.
  session: guardedStorage(() => window.sessionStorage),
  legacy: guardedStorage(() => window.localStorage),
  download: downloadBytes,
});
// A dropped or picked playground file opens as a draft; any other file as before.
const openModuleFile = playground.openFile;
playground.openFile = (file) => drafts.openFile(file, openModuleFile);
const share = createShareController(playground, drafts, {
  location: window.location,
  history: window.history,
  writeClipboard: (text) => navigator.clipboard.writeText(text),
});
const recovery = createRecovery(playground, share, {
  history: window.history,
  location: window.location,
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ErrorBoundary recovery={recovery}>
      <PlaygroundProvider playground={playground}>
        <App shareSlot={<ShareControls share={share} />} />
      </PlaygroundProvider>
    </ErrorBoundary>
  </StrictMode>,
);

// Restore the link or the draft (never running anything), then keep the draft saved.
const opened = share.init().finally(() => share.startAutosave());
window.playground = createEmbeddingApi(playground, share, opened);
// Back/forward between shared states (popstate) and a link pasted into this tab (hashchange).
// One navigation can fire both: coalesce them.
let addressChangePending = false;
const onAddressChange = () => {
  if (addressChangePending) return;
  addressChangePending = true;
  setTimeout(() => {
    addressChangePending = false;
    void share.onPopState();
  }, 0);
};
window.addEventListener("popstate", onAddressChange);
window.addEventListener("hashchange", onAddressChange);

// After the first paint: fetch the editor, then the engine and compilers, then check the
// page's own starting code. Code from a link or a draft is held: it compiles only on the
// person's Compile or Run.
requestAnimationFrame(() => {
  void loadMonaco();
  setTimeout(() => {
    warmUp().then(
      () =>
        opened.then(() => {
          if (!playground.store.get().compileHeld) void playground.compileNow();
        }),
      (error: unknown) =>
        playground.notify(
          "warning",
          `The compilers are not available: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }, 0);
});
