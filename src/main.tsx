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
import "./ui/styles/index.css";

const playground = createPlayground();
const share = createShareController(playground, {
  location: window.location,
  history: window.history,
  storage: window.localStorage,
  writeClipboard: (text) => navigator.clipboard.writeText(text),
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PlaygroundProvider playground={playground}>
      <App shareSlot={<ShareControls share={share} />} />
    </PlaygroundProvider>
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

// After the first paint: fetch the editor, then the engine and compilers, then check the code.
requestAnimationFrame(() => {
  void loadMonaco();
  setTimeout(() => {
    warmUp().then(
      () => opened.then(() => playground.compileNow()),
      (error: unknown) =>
        playground.notify(
          "warning",
          `The compilers are not available: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }, 0);
});
