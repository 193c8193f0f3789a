// The open Examples menu: the examples in their groups, each to load or to load and run; the
// arrow keys move between them (ExamplesMenu loads this on first use).
import { Fragment, useEffect, useRef } from "react";
import { MENU_EXAMPLES } from "../controller/examples";
import { WASM3_EXAMPLES } from "../../examples/wasm3-examples";

type Group = "wasm" | "wasi" | "wasm3" | "clang";
const GROUP_TITLES: Record<Group, string> = {
  wasm: "Modules and limits",
  wasi: "WASI programs (C, wasm32-wasi)",
  wasm3: "Wasm 3.0: GC, exceptions, 64-bit memory",
  clang: "C and C++ (compiled in your browser)",
};
const WASM3_IDS = new Set(WASM3_EXAMPLES.map((e) => e.id));

function groupOf(id: string): Group {
  if (id.startsWith("c-") || id.startsWith("cpp-")) return "clang";
  if (WASM3_IDS.has(id)) return "wasm3";
  return id.startsWith("wasi-") ? "wasi" : "wasm";
}

/** The heading before the i-th example, where a group starts. */
function groupStart(i: number): string | null {
  const group = groupOf(MENU_EXAMPLES[i]!.id);
  return i > 0 && groupOf(MENU_EXAMPLES[i - 1]!.id) === group ? null : GROUP_TITLES[group];
}

export function ExamplesList({ choose }: { choose(id: string, run: boolean): void }) {
  const list = useRef<HTMLUListElement>(null);
  // Opening the menu puts the focus on its first example.
  useEffect(() => {
    list.current?.querySelector<HTMLButtonElement>(".menu__main")?.focus();
  }, []);
  const onListKey = (e: React.KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>(".menu__main") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = (at + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };
  return (
    <ul className="menu__list" data-testid="examples-menu" ref={list} onKeyDown={onListKey}>
      {MENU_EXAMPLES.map((ex, i) => (
        <Fragment key={ex.id}>
          {groupStart(i) && (
            <li className="menu__group" role="presentation">
              {groupStart(i)}
            </li>
          )}
          <li className="menu__item">
            <button
              type="button"
              className="menu__main"
              onClick={() => choose(ex.id, false)}
              title={ex.description}
            >
              <strong>{ex.title}</strong>
              <span className="small muted">{ex.description}</span>
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => choose(ex.id, true)}
              aria-label={`Load and run ${ex.title}`}
              data-testid={`example-run-${ex.id}`}
            >
              ▶
            </button>
          </li>
        </Fragment>
      ))}
    </ul>
  );
}
