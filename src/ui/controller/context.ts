// What every controller module shares: the store and small helpers that append to it.
import type { Store } from "../state/store";
import type { ConsoleStream, Notice, PlaygroundState } from "../state/types";

export type PlaygroundStore = Store<PlaygroundState>;

const CONSOLE_MAX_ENTRIES = 2_000;
const CONSOLE_MAX_CHARS = 200_000;
let nextId = 1;

export function log(store: PlaygroundStore, stream: ConsoleStream, text: string): void {
  if (text === "") return;
  store.set((s) => {
    const last = s.console[s.console.length - 1];
    // Streamed output arrives in pieces: join pieces of one stream into one entry.
    if (last && last.stream === stream && (stream === "stdout" || stream === "stderr")) {
      const joined = (last.text + text).slice(-CONSOLE_MAX_CHARS);
      return { console: [...s.console.slice(0, -1), { ...last, text: joined }] };
    }
    const entry = { id: nextId++, stream, text: text.slice(-CONSOLE_MAX_CHARS) };
    return { console: [...s.console, entry].slice(-CONSOLE_MAX_ENTRIES) };
  });
}

export function notify(
  store: PlaygroundStore,
  tone: Notice["tone"],
  text: string,
  action?: Notice["action"],
): void {
  const notice: Notice = { id: nextId++, tone, text, ...(action ? { action } : {}) };
  store.set((s) => ({ notices: [...s.notices.filter((n) => n.text !== text), notice].slice(-3) }));
  // Information fades on its own; errors and warnings stay until dismissed.
  if (tone === "info" && !action) setTimeout(() => dismiss(store, notice.id), INFO_NOTICE_MS);
}

const INFO_NOTICE_MS = 8_000;

export function dismiss(store: PlaygroundStore, id: number): void {
  store.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
