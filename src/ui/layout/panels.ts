// The side panel's tabs other than Result load on first use: a page that never opens one does
// not fetch it. Pointing at or focusing a tab starts the fetch, so the panel is usually there by
// the click; a profiled run fetches Profile as it starts (its result opens that tab).
import { lazy, type ComponentType } from "react";
import type { PanelTab } from "../state/types";

type LazyTab = Exclude<PanelTab, "result">;

const loaders: Record<LazyTab, () => Promise<ComponentType>> = {
  files: () => import("../files/FilesPanel").then((m) => m.FilesPanel),
  limits: () => import("../limits/LimitsPanel").then((m) => m.LimitsPanel),
  imports: () => import("../imports/ImportsPanel").then((m) => m.ImportsPanel),
  module: () => import("../module/ModulePanel").then((m) => m.ModulePanel),
  profile: () => import("../profile/ProfilePanel").then((m) => m.ProfilePanel),
  history: () => import("../history/HistoryPanel").then((m) => m.HistoryPanel),
};

const started = new Map<LazyTab, Promise<ComponentType>>();

function loadPanel(tab: LazyTab): Promise<ComponentType> {
  let loading = started.get(tab);
  if (!loading) {
    loading = loaders[tab]();
    started.set(tab, loading);
  }
  return loading;
}

/** Starts fetching a tab's panel (once; Result's is always there). */
export function preloadPanel(tab: PanelTab): void {
  if (tab !== "result") void loadPanel(tab);
}

const lazyPanel = (tab: LazyTab) =>
  lazy(() => loadPanel(tab).then((Panel) => ({ default: Panel })));

export const LAZY_PANELS: Record<LazyTab, ComponentType> = {
  files: lazyPanel("files"),
  limits: lazyPanel("limits"),
  imports: lazyPanel("imports"),
  module: lazyPanel("module"),
  profile: lazyPanel("profile"),
  history: lazyPanel("history"),
};
