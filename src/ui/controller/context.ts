// What every controller module shares: the store and small helpers that append to it.
import type { Store } from "../state/store";
import type { ConsoleStream, Notice, PlaygroundState } from "../state/types";
import { inPageWords } from "../limits/limit-names";
import { appendToConsole, EMPTY_CONSOLE } from "../console/console-lines";

export type PlaygroundStore = Store<PlaygroundState>;

let nextId = 1;

/**
 * Guest output waits here and reaches the store in batches: a flood of small chunks costs one
 * render per batch, not one per chunk. The page's own lines flush what waits first (order kept).
 */
const OUTPUT_BATCH_MS = 100;
const pending = new Map<PlaygroundStore, { stream: ConsoleStream; text: string }[]>();

function flushOutput(store: PlaygroundStore): void {
  const queue = pending.get(store);
  if (!queue) return;
  pending.delete(store);
  store.set((s) => {
    let console = s.console;
    for (const { stream, text } of queue) console = appendToConsole(console, stream, text);
    return { console };
  });
}

export function log(store: PlaygroundStore, stream: ConsoleStream, text: string): void {
  if (text === "") return;
  if (stream === "stdout" || stream === "stderr") {
    let queue = pending.get(store);
    if (!queue) {
      pending.set(store, (queue = []));
      setTimeout(() => flushOutput(store), OUTPUT_BATCH_MS);
    }
    const last = queue[queue.length - 1];
    if (last?.stream === stream) last.text += text;
    else queue.push({ stream, text });
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
