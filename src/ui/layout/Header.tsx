// The top bar: title, language, examples, open file, share, theme.
import { useRef } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import { LANGUAGE_NAMES, LANGUAGES } from "../state/languages";
import { ExamplesMenu } from "../examples/ExamplesMenu";
import type { Theme } from "../theme/useTheme";
import { FILE_ACCEPT } from "./file-types";

export interface HeaderProps {
  theme: Theme;
  onToggleTheme(): void;
  /** Filled in by the share integration; absent until it is there. */
  shareSlot?: React.ReactNode;
}

export function Header({ theme, onToggleTheme, shareSlot }: HeaderProps) {
  const playground = usePlayground();
  const language = usePlaygroundState((s) => s.language);
  const binary = usePlaygroundState((s) => s.binary !== null);
  const picker = useRef<HTMLInputElement>(null);
  return (
    <header className="header">
      <h1 className="header__title">
        <span className="logo" aria-hidden="true">
          ▣
        </span>
        Wasm Sandbox <span className="muted">Playground</span>
      </h1>
      <div className="segmented" role="radiogroup" aria-label="Language">
        {LANGUAGES.map((lang) => (
          <button
            key={lang}
            type="button"
            role="radio"
            aria-checked={!binary && language === lang}
            data-testid={`lang-${lang}`}
            onClick={() => playground.setLanguage(lang)}
          >
            {LANGUAGE_NAMES[lang]}
          </button>
        ))}
      </div>
      <ExamplesMenu />
      <button type="button" className="button" onClick={() => picker.current?.click()}>
        Open file…
      </button>
      <input
        ref={picker}
        type="file"
        accept={FILE_ACCEPT}
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void playground.openFile(file);
          e.target.value = "";
        }}
      />
      <span className="header__spacer" />
      {shareSlot}
      <button
        type="button"
        className="button button--icon"
        onClick={onToggleTheme}
        aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}
        title={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}
        data-testid="theme-toggle"
      >
        {theme === "dark" ? "☀" : "☾"}
      </button>
    </header>
  );
}
