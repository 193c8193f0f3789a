// The ways back when the page cannot show the work (the error boundary's buttons). They go
// through the playground and the share controller's own draft API, so they keep what those
// keep: "Start empty" puts the starting code on the page without touching the previous draft,
// "Restore previous draft" swaps it in as the Restore notice does.
import { clearLinkFromHistory, type HistoryLike } from "../../share";
import type { Playground } from "../controller/playground";
import type { ShareController } from "../share/share-controller";
import { initialState } from "../state/defaults";

export interface Recovery {
  startEmpty(): void;
  restorePrevious(): Promise<void>;
  hasPrevious(): boolean;
}

export function createRecovery(
  playground: Playground,
  share: Pick<ShareController, "restorePrevious" | "hasPrevious">,
  env: { history: HistoryLike; location: Pick<Location, "pathname" | "search"> },
): Recovery {
  return {
    startEmpty() {
      playground.stop();
      // The failing state goes; the compilers stay loaded. The link that brought it leaves the
      // address bar, so a reload does not bring it back.
      const { toolchainReady } = playground.store.get();
      playground.store.set({ ...initialState(), toolchainReady });
      clearLinkFromHistory(env.history, env.location);
      playground.notify("info", "Started empty. Your previous draft is still saved.");
    },
    restorePrevious: () => share.restorePrevious(),
    hasPrevious: () => {
      try {
        return share.hasPrevious();
      } catch {
        return false;
      }
    },
  };
}
