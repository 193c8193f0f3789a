// A profiled function → the editor: which source lines it is, for the Profile tab's clicks and
// the gutter's heat (profile/source-locations.ts decides how a function is found).
import type { PlaygroundState, RunRecord } from "../state/types";
import { sourceLocator, type Locator } from "../profile/source-locations";
import type { PlaygroundStore } from "./context";
import { sourceKey } from "./compile";

/** How the functions of `record`'s profile are found in the editor's current text. */
export function locatorFor(s: PlaygroundState, record: RunRecord): Locator {
  if (s.binary) {
    return { ok: false, reason: "A binary has no source: its functions are in the Module view." };
  }
  return sourceLocator({
    language: s.language,
    source: s.sources[s.language],
    sameSource: record.moduleKey === sourceKey(s),
    optimized: record.optimized !== undefined,
    functionLines: s.compiled?.key === record.moduleKey ? s.compiled.functionLines : undefined,
  });
}

/**
 * Shows function `index` of the shown run's profile in the editor (its lines selected and in
 * view); returns why it cannot when it cannot.
 */
export function revealFunction(store: PlaygroundStore, index: number): string | null {
  const s = store.get();
  const record = s.result;
  if (!record?.result.profileColumns) return "This run has no profile.";
  const locator = locatorFor(s, record);
  if (!locator.ok) return locator.reason;
  const name = record.result.profileColumns.names[index];
  const range = locator.locate(index, name);
  if (!range)
    return `${name ?? `function[${index}]`} is not in the source (compiler or runtime code).`;
  store.set({ reveal: { ...range, nonce: (s.reveal?.nonce ?? 0) + 1 } });
  return null;
}
