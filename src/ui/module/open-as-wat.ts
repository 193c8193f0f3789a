// "Open as WAT": the disassembly becomes the editor's WAT source. The person's own WAT is asked
// about first (when there is any) and stays one click (the notice's Undo) or Ctrl+Z away.
import type { Playground } from "../controller/playground";
import { DEFAULT_WAT } from "../state/defaults";
import type { PlaygroundState } from "../state/types";

/** The largest text the editor is given (the same bound as a source file the person opens). */
export const MAX_EDITOR_WAT_CHARS = 2 * 1024 * 1024;

/** True when putting `text` in the editor would replace WAT the person wrote. */
export function replacesOwnWat(s: Pick<PlaygroundState, "sources">, text: string): boolean {
  const own = s.sources.wat;
  return own.trim() !== "" && own !== DEFAULT_WAT && own !== text;
}

export function openAsWat(playground: Playground, text: string, what: string): void {
  const previous = playground.store.get().sources.wat;
  const hadOwn = replacesOwnWat(playground.store.get(), text);
  playground.setSource(text, "wat");
  playground.notify(
    "info",
    `The disassembly of ${what} is now the WAT source.`,
    hadOwn ? { label: "Undo", run: () => playground.setSource(previous, "wat") } : undefined,
  );
}
