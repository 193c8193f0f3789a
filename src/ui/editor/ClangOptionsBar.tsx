// C and C++ build options beside the editor: the -O level, extra flags (allow-listed; a refused
// flag is named and not applied) and the C++ exception setting.
import { useState } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import {
  CLANG_OPT_LEVELS,
  splitFlags,
  type ClangOptLevel,
} from "../../sandbox/toolchain/clang/options";

export function ClangOptionsBar() {
  const playground = usePlayground();
  const language = usePlaygroundState((s) => s.language);
  const options = usePlaygroundState((s) => s.clangOptions);
  // The flags as typed, kept only while they differ from the applied ones: a link, an example
  // or setBuildOptions that changes the flags shows them at once.
  const applied = options.flags.join(" ");
  const [draft, setDraft] = useState<{ over: string; text: string } | null>(null);
  const flagsText = draft !== null && draft.over === applied ? draft.text : applied;
  const [refusal, setRefusal] = useState<string | null>(null);
  return (
    <div className="clang-options" data-testid="clang-options">
      <label>
        Optimise{" "}
        <select
          value={options.optLevel}
          data-testid="clang-opt-level"
          onChange={(e) =>
            playground.setClangOptions({ optLevel: e.target.value as ClangOptLevel })
          }
        >
          {CLANG_OPT_LEVELS.map((level) => (
            <option key={level} value={level}>
              -{level}
            </option>
          ))}
        </select>
      </label>
      <label>
        Flags{" "}
        <input
          type="text"
          value={flagsText}
          placeholder="-Wall -DN=10"
          spellCheck={false}
          data-testid="clang-flags"
          onChange={(e) => setDraft({ over: applied, text: e.target.value })}
          onBlur={() => {
            const refused = playground.setClangOptions({ flags: splitFlags(flagsText) });
            setRefusal(refused);
            if (refused === null) setDraft(null); // a refused line stays, to be corrected
          }}
        />
      </label>
      {language === "cpp" && (
        <label title="This compiler's libc++ has no exception support: a program that throws does not link">
          <input
            type="checkbox"
            checked={options.exceptions}
            onChange={(e) => playground.setClangOptions({ exceptions: e.target.checked })}
          />{" "}
          C++ exceptions
        </label>
      )}
      {refusal && (
        <span className="clang-options__error" role="alert">
          {refusal}
        </span>
      )}
    </div>
  );
}
