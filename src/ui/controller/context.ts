// What every controller module shares: the store and small helpers that append to it.
import type { Store } from "../state/store";
import type { ConsoleStream, Notice, PlaygroundState } from "../state/types";
import { inPageWords } from "../limits/limit-names";
import { appendToConsole, EMPTY_CONSOLE, type ConsoleLog } from "../console/console-lines";

export type PlaygroundStore = Store<PlaygroundState>;

let nextId = 1;

/**
 * Guest output reaches the store in batches: each streamed piece (at most 1 Mi characters, the
 * runner's bound) is added to a pending copy of the console's bounded tail at once, and the
 * store, hence React, sees it once per batch. The page's own lines flush what waits first.
 */
const OUTPUT_BATCH_MS = 100;
const pending = new Map<PlaygroundStore, ConsoleLog>();

function flushOutput(store: PlaygroundStore): void {
  const console = pending.get(store);
  if (!console) return;
  pending.delete(store);
  store.set({ console });
}

export function log(store: PlaygroundStore, stream: ConsoleStream, text: string): void {
  if (text === "") return;
  if (stream === "stdout" || stream === "stderr") {
    const waiting = pending.get(store);
    if (!waiting) setTimeout(() => flushOutput(store), OUTPUT_BATCH_MS);
    pending.set(store, appendToConsole(waiting ?? store.get().console, stream, text));
    return;
  }
  flushOutput(store);
  store.set((s) => ({ console: appendToConsole(s.console, stream, text) }));
}

export function clearConsole(store: PlaygroundStore): void {
  flushOutput(store);
  store.set({ console: EMPTY_CONSOLE });
}

export function notify(
  store: PlaygroundStore,
  tone: Notice["tone"],
  text: string,
  action?: Notice["action"],
): void {
  // Messages from the engine or a link's checks name limits as the library does.
  const notice: Notice = {
    id: nextId++,
    tone,
    text: inPageWords(text),
    ...(action ? { action } : {}),
  };
  store.set((s) => ({
    notices: [...s.notices.filter((n) => n.text !== notice.text), notice].slice(-3),
  }));
  // Information fades on its own; errors and warnings stay until dismissed.
  if (tone === "info" && !action) setTimeout(() => dismiss(store, notice.id), INFO_NOTICE_MS);
}

const INFO_NOTICE_MS = 8_000;

export function dismiss(store: PlaygroundStore, id: number): void {
  store.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
