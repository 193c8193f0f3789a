// The page's address bar, passed in (test seam): read a link from it, write one to it.
import { decodeHash, type DecodedLink } from "./link-codec";

export type LinkInLocation = { kind: "none" } | ({ kind: "link"; hash: string } & DecodedLink);

/**
 * What the address holds: nothing (no hash, or a bare "#"), or a link decoded to a state or
 * a typed failure. Never runs anything: the page shows the state and waits for Run.
 */
export async function readLinkFromLocation(
  location: Pick<Location, "hash">,
): Promise<LinkInLocation> {
  const hash = location.hash;
  if (hash === "" || hash === "#") return { kind: "none" };
  return { kind: "link", hash, ...(await decodeHash(hash)) };
}

export type HistoryLike = Pick<History, "replaceState" | "pushState" | "state">;

/**
 * Puts a link in the address bar. replaceState by default (as the person edits: no history
 * entry per keystroke); push when the person explicitly shares, so back/forward steps between
 * shared states. Neither fires "hashchange"; the page listens to "popstate" for back/forward.
 */
export function writeLinkToHistory(
  history: HistoryLike,
  hash: string,
  options: { push?: boolean } = {},
): void {
  const url = hash.startsWith("#") ? hash : `#${hash}`;
  if (options.push) history.pushState(history.state, "", url);
  else history.replaceState(history.state, "", url);
}

/** Removes the link from the address (e.g. after a bad link was reported), keeping path and query. */
export function clearLinkFromHistory(
  history: HistoryLike,
  location: Pick<Location, "pathname" | "search">,
): void {
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
}

/** The full URL to put on the clipboard. */
export function shareUrl(
  location: Pick<Location, "origin" | "pathname" | "search">,
  hash: string,
): string {
  return `${location.origin}${location.pathname}${location.search}${hash.startsWith("#") ? hash : `#${hash}`}`;
}
